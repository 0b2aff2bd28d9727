// /proc/sysrq-trigger (drivers/tty/sysrq.c): the magic SysRq keys written as text.
// kctx simulates the one people use to make a dump, 'c' (sysrq_handle_crash()).
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

int64_t Kernel::write_sysrq_trigger(uint32_t cpu, const std::string& data)
{
	// write_sysrq_trigger(): each character is a key; a leading '_' makes the rest of
	// the write a bulk of keys, else only the first key counts. /proc/sysrq-trigger
	// does not check sysrq_enabled's mask (__handle_sysrq(c, false)).
	bool bulk = false;
	for (char c : data) {
		if (c == '_') {
			bulk = true;
			continue;
		}
		if (c != 'c')
			return -abi::kEINVAL;   // not simulated: docs/crash.md says so
		// __handle_sysrq(): pr_info("%s\n", op_p->action_msg) under pr_fmt "sysrq: ",
		// then the handler. sysrq_handle_crash(): rcu_read_unlock();
		// panic("sysrq triggered crash\n").
		printk(cpu, "\0016sysrq: Trigger a crash\n");
		const std::string callee[] = {"sysrq_handle_crash+0x16/0x20", "__handle_sysrq.cold+0x43/0x11b",
					      "write_sysrq_trigger+0x24/0x40", "proc_reg_write+0x55/0xa0",
					      "vfs_write+0xc8/0x3f0",          "ksys_write+0x6f/0xf0"};
		panic(cpu, "sysrq triggered crash\n", callee);
		if (!bulk)
			break;
	}
	return static_cast<int64_t>(data.size());
}

}  // namespace kctx::kernel
