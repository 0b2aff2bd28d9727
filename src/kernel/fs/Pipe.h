// Pipes and FIFOs (fs/pipe.c): the pipe's ring of page buffers and the rules by which
// pipe_read() and pipe_write() move bytes through it. Plain data, as the Machine; the
// kernel's glue (Vfs.cpp) adds what needs a task: sleeping, wake-ups and SIGPIPE.
//
// A pipe holds at most max_usage buffers of a page each (PIPE_DEF_BUFFERS = 16: 64 KiB).
// A write first merges what does not fill a page into the last buffer when that fits
// (PIPE_BUF_FLAG_CAN_MERGE), then fills fresh pages, so how many bytes a pipe takes
// depends on the writes, as on Linux: 65536 one-byte writes fill it, and so do sixteen
// 100-byte writes into sixteen pages if a reader empties the tail in between.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kctx::kernel {

inline constexpr uint32_t kPipeDefBuffers = 16;   // include/linux/pipe_fs_i.h PIPE_DEF_BUFFERS
inline constexpr uint32_t kPipePage = 4096;

// struct pipe_buffer: bytes of one page not yet read.
struct PipeBuffer {
	std::string data;      // the bytes not read yet (buf->len of them)
	uint32_t end = 0;      // buf->offset + buf->len: where the page's data ends
	bool packet = false;   // PIPE_BUF_FLAG_PACKET (O_DIRECT): one write is one read; no merging
	bool operator==(const PipeBuffer&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(data, end, packet); }
};

// struct pipe_inode_info.
struct Pipe {
	std::vector<PipeBuffer> bufs;   // tail (oldest) first
	uint32_t max_usage = kPipeDefBuffers;
	uint32_t readers = 0;       // open files that can read it
	uint32_t writers = 0;
	uint32_t r_counter = 0;     // opens for reading ever (fifo_open's wait_for_partner)
	uint32_t w_counter = 0;
	std::string fifo;           // the FIFO's path, or empty for pipe()'s anonymous pipe
	bool operator==(const Pipe&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(bufs, max_usage, readers, writers, r_counter, w_counter, fifo); }

	[[nodiscard]] bool empty() const { return bufs.empty(); }
	[[nodiscard]] bool full() const { return bufs.size() >= max_usage; }
	[[nodiscard]] size_t bytes() const;   // FIONREAD
	// pipe_readable() / pipe_writable(): what a sleeping reader or writer waits for.
	[[nodiscard]] bool readable() const { return !empty() || writers == 0; }
	[[nodiscard]] bool writable() const { return !full() || readers == 0; }

	// pipe_write()'s first step: the part of a write of total_len bytes that does not fill
	// whole pages goes into the last buffer if it fits there. Returns the bytes taken from
	// the front of `data` (0 or total_len % PAGE_SIZE).
	size_t merge(std::string_view data, size_t total_len);
	// One fresh page of pipe_write()'s loop: up to a page of `data`, if the pipe is not
	// full. Returns the bytes taken.
	size_t push_page(std::string_view data, bool packet);
	// pipe_read()'s copy from the tail buffer: up to `want` bytes. A packet buffer is
	// consumed whole even when `want` is shorter (the rest is discarded, as Linux does).
	std::string take(size_t want);
};

}   // namespace kctx::kernel
