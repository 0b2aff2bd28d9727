// stdio's streams and stdout's buffering, as glibc 2.36 has them: stdout is
// line-buffered when it is a terminal and fully buffered otherwise (a pipe: its
// st_blksize, 4096 bytes), unless setvbuf() chose; stderr is unbuffered; a stream
// fopen() made (src/abi/prelude/user_lib-stdio.h) names its descriptor in _fileno.
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// The stream addresses of user.h's stdin, stdout, stderr.
constexpr uint64_t kStdin = 0x1000, kStdout = 0x1001, kStderr = 0x1002;
// glibc's <stdio.h>
constexpr int32_t kIOFBF = 0, kIOLBF = 1, kIONBF = 2;
constexpr size_t kTtyBuffer = 1024;    // a terminal's: glibc allocates BUFSIZ but the tty's st_blksize is 1024
constexpr size_t kPipeBuffer = 4096;   // a pipe's st_blksize (PAGE_SIZE)
}   // namespace

int32_t Kernel::stream_fd(TaskId t, uint64_t stream) const
{
	if (stream == kStdout || stream == 1)
		return 1;
	if (stream == kStderr || stream == 2)
		return 2;
	if (stream == kStdin)
		return 0;
	int32_t fd = 1;
	if (!m.tasks[t].user->mm.load(stream, fd))
		return 1;   // not a stream: as before, stdout
	return fd;
}

bool Kernel::stdout_needs_flush(TaskId t) const
{
	const UserState& u = *m.tasks[t].user;
	int32_t mode = u.stdout_mode;
	bool tty = true;
	if (auto it = u.files.fds.find(1); it != u.files.fds.end())
		tty = it->second.kind == FileKind::Tty;
	if (mode < 0)
		mode = tty ? kIOLBF : kIOFBF;
	size_t size = tty ? kTtyBuffer : kPipeBuffer;
	switch (mode) {
	case kIONBF: return true;
	case kIOLBF: return u.stdout_buf.find('\n') != std::string::npos || u.stdout_buf.size() >= size;
	default: return u.stdout_buf.size() >= size;
	}
}

int64_t Kernel::libc_setvbuf(TaskId t, uint64_t stream, int32_t mode)
{
	// glibc's _IO_setvbuf: an unknown mode is EOF; stdin and stderr keep their own
	// rules in kctx (stdin is read unbuffered, stderr is unbuffered).
	if (mode != kIOFBF && mode != kIOLBF && mode != kIONBF)
		return -1;
	if (stream_fd(t, stream) == 1)
		m.tasks[t].user->stdout_mode = mode;
	return 0;
}

}   // namespace kctx::kernel
