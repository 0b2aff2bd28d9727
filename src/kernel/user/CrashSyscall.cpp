// __kctx_crash(memsrc, line, buf, size): the live `crash` program's one request to the
// kernel (the shell's crash applet). The kernel hands the line to the inspector the CLI
// installed (core/Inspector.h), copies up to `size` bytes of its answer to `buf` and
// returns the answer's full length, as snprintf() does; -ENOSYS without an inspector.
#include "abi/Errno.h"
#include "kernel/core/Inspector.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

bool Kernel::crash_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	(void)cpu;
	auto& r = f.as<run::Syscall>();
	vm::Memory& mm = m.tasks[t].user->mm;
	std::string memsrc, line;
	if (!m_inspector) {
		f.ret = -abi::kENOSYS;
		return true;
	}
	if (!mm.read_string(r.args[0], memsrc, 64) || (r.args[1] && !mm.read_string(r.args[1], line, 4096))) {
		f.ret = -abi::kEFAULT;
		return true;
	}
	std::string out = m_inspector->crash_command(m, m_config, m_code, t, memsrc, line);
	uint64_t n = std::min<uint64_t>(out.size(), r.args[3]);
	if (n && !mm.write(r.args[2], out.data(), n)) {
		f.ret = -abi::kEFAULT;
		return true;
	}
	f.ret = static_cast<int64_t>(out.size());
	return true;
}

}   // namespace kctx::kernel
