// printk and the serial console (kernel/printk/printk.c).
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/printk/Loglevel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {
// kernel/printk/printk.c: LOG_LINE_MAX (CONSOLE_LOG_MAX 1024 - PREFIX_MAX 32); vprintk_store()
// formats into a record of at most that, its terminating NUL included.
constexpr size_t kLogLineMax = 1024 - 32;
}  // namespace

void Kernel::printk(uint32_t cpu, std::string_view text)
{
	uint8_t level = loglevel::kMessageDefault;   // the console shows levels below console_loglevel
	bool cont = false;
	// KERN_SOH "\001" followed by the level digit, or 'c' for KERN_CONT.
	while (text.size() >= 2 && text[0] == '\001') {
		if (text[1] >= '0' && text[1] <= '7')
			level = static_cast<uint8_t>(text[1] - '0');
		else if (text[1] == 'c')
			cont = true;
		text.remove_prefix(2);
	}
	if (text.size() > kLogLineMax - 1)
		text = text.substr(0, kLogLineMax - 1);   // vscnprintf() into reserve_size bytes
	uint64_t ts = m.cpus[cpu].now;
	// The console prints a record once it is final (kernel/printk/printk_ringbuffer.c:
	// readers see only finalized records): when its newline comes, or when the next
	// record is reserved. A record left open (no trailing newline) is continued only by
	// KERN_CONT; anything else first terminates it, as printk's cont buffer does.
	auto print_final = [&] {
		const LogRecord& r = m.printk.log.back();
		if (r.level < m.printk.console_loglevel)
			m.printk.console_write(fmt::format("[{:5}.{:06}] {}", r.ts / 1000000000, r.ts % 1000000000 / 1000, r.text));
	};
	bool open = m.printk.log.size() > m.printk.head && !m.printk.log.back().text.empty() && m.printk.log.back().text.back() != '\n';
	if (open && !cont) {
		m.printk.append("\n");
		print_final();
		open = false;
	}
	while (!text.empty()) {
		size_t nl = text.find('\n');
		std::string_view piece = nl == std::string_view::npos ? text : text.substr(0, nl + 1);
		text.remove_prefix(piece.size());
		if (open) {
			m.printk.append(piece);
			if (piece.back() == '\n')
				print_final();
		} else {
			m.printk.store({ts, level, std::string(piece)}, m_config.log_buf_bytes());
			if (m_hooks)
				m_hooks->printk(m, cpu, m.printk.log.back());
			// wake_up_klogd(): a new record wakes the readers of /dev/kmsg sleeping on
			// log_wait (Linux defers it to an irq_work, which on x86 runs at once).
			wake_waiters(addr::kLogWait, abi::TASK_INTERRUPTIBLE, 0, cpu);
			if (piece.back() == '\n')
				print_final();
		}
		open = piece.back() != '\n';
	}
	charge(cpu, m_config.costs.printk_ns);
}

std::string Kernel::take_console()
{
	return m.printk.take_console();
}

}  // namespace kctx::kernel
