// printk's ring buffer (kernel/printk/printk_ringbuffer.c) and the console's output, as
// plain data: what a record costs in the ring and which records it still holds.
#include "kernel/printk/PrintkState.h"

#include <cstddef>

namespace kctx::kernel {

namespace {
// kernel/printk/printk_ringbuffer.c: a record's text takes a data block with its id in
// front, aligned to the id's size (DATA_SIZE, to_blk_size()); there is one descriptor
// per 2^PRB_AVGBITS (32) bytes of the text ring.
constexpr uint64_t kPrbAvgBits = 5;
uint64_t block_size(const LogRecord& r) { return (r.text.size() + 8 + 7) & ~uint64_t{7}; }
}  // namespace

void PrintkState::store(LogRecord rec, uint64_t buf_bytes)
{
	bytes += block_size(rec);
	log.push_back(std::move(rec));
	// prb_reserve() pushes the tail: the oldest records go until the new one fits.
	uint64_t descs = buf_bytes >> kPrbAvgBits;
	while (log.size() - head > 1 && (bytes > buf_bytes || log.size() - head > descs))
		bytes -= block_size(log[head++]);
	// Compaction, amortized: the dropped front goes once it is half the vector.
	if (head >= 1024 && head * 2 >= log.size()) {
		log.erase(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(head));
		seq0 += head;
		head = 0;
	}
}

void PrintkState::append(std::string_view piece)
{
	LogRecord& last = log.back();
	bytes -= block_size(last);
	last.text += piece;
	bytes += block_size(last);
}

void PrintkState::console_write(std::string_view text)
{
	if (text.empty())
		return;
	console.append(text);
	console_at_line_start = text.back() == '\n';
}

std::string PrintkState::take_console()
{
	std::string out = std::move(console);
	console.clear();
	console_flushed += out.size();
	return out;
}

}  // namespace kctx::kernel
