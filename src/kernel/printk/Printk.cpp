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
// kernel/printk/printk.c: LOG_LINE_MAX (CONSOLE_LOG_MAX 1024 - PREFIX_MAX 32); vprintk_store()
// formats into a record of at most that, its terminating NUL included.
constexpr size_t kLogLineMax = 1024 - 32;
// kernel/printk/printk_ringbuffer.c: a record's text takes a data block with its id in
// front, aligned to the id's size (DATA_SIZE, to_blk_size()); there is one descriptor
// per 2^PRB_AVGBITS (32) bytes of the text ring.
constexpr uint64_t kPrbAvgBits = 5;
uint64_t block_size(const LogRecord& r) { return (r.text.size() + 8 + 7) & ~uint64_t{7}; }
}  // namespace

void Kernel::log_store(LogRecord rec)
{
	m.log_bytes += block_size(rec);
	m.log.push_back(std::move(rec));
	// prb_reserve() pushes the tail: the oldest records go until the new one fits.
	uint64_t descs = m_config.log_buf_bytes() >> kPrbAvgBits;
	while (m.log.size() - m.log_head > 1 &&
	       (m.log_bytes > m_config.log_buf_bytes() || m.log.size() - m.log_head > descs))
		m.log_bytes -= block_size(m.log[m.log_head++]);
	// Compaction, amortized: the dropped front goes once it is half the vector.
	if (m.log_head >= 1024 && m.log_head * 2 >= m.log.size()) {
		m.log.erase(m.log.begin(), m.log.begin() + static_cast<std::ptrdiff_t>(m.log_head));
		m.log_seq0 += m.log_head;
		m.log_head = 0;
	}
}

void Kernel::log_append(std::string_view piece)
{
	LogRecord& last = m.log.back();
	m.log_bytes -= block_size(last);
	last.text += piece;
	m.log_bytes += block_size(last);
}

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
	if (text.size() > kLogLineMax - 1)
		text = text.substr(0, kLogLineMax - 1);   // vscnprintf() into reserve_size bytes
	uint64_t ts = m.cpus[cpu].now;
	// The console prints a record once it is final (kernel/printk/printk_ringbuffer.c:
	// readers see only finalized records): when its newline comes, or when the next
	// record is reserved. A record left open (no trailing newline) is continued only by
	// KERN_CONT; anything else first terminates it, as printk's cont buffer does.
	auto print_final = [&] {
		const LogRecord& r = m.log.back();
		if (r.level < kConsoleLoglevel)
			console_write(fmt::format("[{:5}.{:06}] {}", r.ts / 1000000000, r.ts % 1000000000 / 1000, r.text));
	};
	bool open = m.log.size() > m.log_head && !m.log.back().text.empty() && m.log.back().text.back() != '\n';
	if (open && !cont) {
		log_append("\n");
		print_final();
		open = false;
	}
	while (!text.empty()) {
		size_t nl = text.find('\n');
		std::string_view piece = nl == std::string_view::npos ? text : text.substr(0, nl + 1);
		text.remove_prefix(piece.size());
		if (open) {
			log_append(piece);
			if (piece.back() == '\n')
				print_final();
		} else {
			log_store({ts, level, std::string(piece)});
			if (m_hooks)
				m_hooks->printk(m, cpu, m.log.back());
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
	// The console streams: what was handed out is not kept (a run's console may be far
	// larger than its memory), only how many bytes it was.
	std::string out = std::move(m.console);
	m.console.clear();
	m.console_flushed += out.size();
	return out;
}

}  // namespace kctx::kernel
