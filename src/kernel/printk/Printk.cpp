// printk and the serial console (kernel/printk/printk.c).
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {
// include/linux/printk.h: CONSOLE_LOGLEVEL_DEFAULT 7 shows levels 0..6;
// MESSAGE_LOGLEVEL_DEFAULT 4 is the level of a printk without one.
constexpr uint8_t kConsoleLoglevel = 7;
constexpr uint8_t kDefaultMessageLoglevel = 4;
}  // namespace

void Kernel::console_write(std::string_view text)
{
	if (text.empty())
		return;
	m.console.append(text);
	m.console_at_line_start = text.back() == '\n';
}

void Kernel::printk(uint32_t cpu, std::string_view text)
{
	uint8_t level = kDefaultMessageLoglevel;
	bool cont = false;
	// KERN_SOH "\001" followed by the level digit, or 'c' for KERN_CONT.
	while (text.size() >= 2 && text[0] == '\001') {
		if (text[1] >= '0' && text[1] <= '7')
			level = static_cast<uint8_t>(text[1] - '0');
		else if (text[1] == 'c')
			cont = true;
		text.remove_prefix(2);
	}
	uint64_t ts = m.cpus[cpu].now;
	// A record left open (no trailing newline) is continued only by KERN_CONT; anything
	// else first terminates it, as printk's cont buffer does.
	bool open = !m.log.empty() && !m.log.back().text.empty() && m.log.back().text.back() != '\n';
	if (open && !cont) {
		m.log.back().text += '\n';
		if (m.log.back().level < kConsoleLoglevel)
			console_write("\n");
		open = false;
	}
	while (!text.empty()) {
		size_t nl = text.find('\n');
		std::string_view piece = nl == std::string_view::npos ? text : text.substr(0, nl + 1);
		text.remove_prefix(piece.size());
		if (open) {
			m.log.back().text += piece;
			if (m.log.back().level < kConsoleLoglevel)
				console_write(piece);
		} else {
			m.log.push_back({ts, level, std::string(piece)});
			if (m_hooks)
				m_hooks->printk(m, cpu, m.log.back());
			// wake_up_klogd(): a new record wakes the readers of /dev/kmsg sleeping on
			// log_wait (Linux defers it to an irq_work, which on x86 runs at once).
			wake_waiters(addr::kLogWait, abi::TASK_INTERRUPTIBLE, 0, cpu);
			if (level < kConsoleLoglevel)
				console_write(fmt::format("[{:5}.{:06}] {}", ts / 1000000000, ts % 1000000000 / 1000, piece));
		}
		open = piece.back() != '\n';
	}
	charge(cpu, m_config.costs.printk_ns);
}

std::string Kernel::take_console()
{
	std::string out = m.console.substr(m.console_flushed);
	m.console_flushed = m.console.size();
	return out;
}

}  // namespace kctx::kernel
