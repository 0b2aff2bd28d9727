// fs/pipe.c, the part that moves bytes: pipe_write()'s merge into the last buffer and its
// page-at-a-time loop, pipe_read()'s copy from the tail.
#include "kernel/fs/Pipe.h"

#include <algorithm>

namespace kctx::kernel {

size_t Pipe::bytes() const
{
	size_t n = 0;
	for (const PipeBuffer& b : bufs)
		n += b.data.size();
	return n;
}

size_t Pipe::merge(std::string_view data, size_t total_len)
{
	// pipe_write(): chars = total_len & (PAGE_SIZE-1), merged only when the pipe is not
	// empty, the last buffer may merge and offset + chars <= PAGE_SIZE. A reader moves
	// a buffer's offset, not where its data ends, so a half-read page takes no more.
	size_t chars = std::min(total_len & (kPipePage - 1), data.size());
	if (!chars || bufs.empty())
		return 0;
	PipeBuffer& last = bufs.back();
	if (last.packet || last.end + chars > kPipePage)
		return 0;
	last.data.append(data.substr(0, chars));
	last.end += static_cast<uint32_t>(chars);
	return chars;
}

size_t Pipe::push_page(std::string_view data, bool packet)
{
	if (full() || data.empty())
		return 0;
	size_t n = std::min<size_t>(data.size(), kPipePage);
	bufs.push_back(PipeBuffer{std::string(data.substr(0, n)), static_cast<uint32_t>(n), packet});
	return n;
}

std::string Pipe::take(size_t want)
{
	if (bufs.empty() || want == 0)
		return {};
	PipeBuffer& tail = bufs.front();
	size_t n = std::min(want, tail.data.size());
	std::string out = tail.data.substr(0, n);
	tail.data.erase(0, n);
	// A packet is read whole: what did not fit in the reader's buffer is gone.
	if (tail.packet || tail.data.empty())
		bufs.erase(bufs.begin());
	return out;
}

}   // namespace kctx::kernel
