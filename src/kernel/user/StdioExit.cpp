// exit()'s flush of stdio's stdout buffer (glibc's _IO_cleanup). On the console it is
// the console's text, as before; into a pipe (a shell pipeline's stage) it goes into the
// pipe, so that `./prog | wc -l` counts the last line a program printed without a
// newline. The flush happens inside the exit syscall here rather than as its own
// write(2): it takes what fits in the pipe without sleeping (the part stdio still holds
// is less than a line or than its buffer, far less than the pipe's 64 KiB).
#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

void Kernel::flush_stdout_at_exit(uint32_t cpu, TaskId t)
{
	std::string data = flush_stdout(t);
	if (data.empty())
		return;
	const FileTable& files = m.tasks[t].user->files;
	auto it = files.fds.find(1);
	if (it == files.fds.end())
		return;   // stdout closed: glibc's write fails with EBADF and the bytes are lost
	const OpenFile& of = it->second;
	if (of.kind == FileKind::Null)
		return;
	if (of.kind != FileKind::Pipe) {
		m.printk.console_write(data);
		return;
	}
	auto pit = m.vfs.pipes.find(of.pipe);
	if (pit == m.vfs.pipes.end() || pit->second.readers == 0)
		return;   // EPIPE: nobody reads it any more
	Pipe& p = pit->second;
	std::string_view rest = data;
	if (!p.empty())
		rest.remove_prefix(p.merge(rest, rest.size()));
	while (!rest.empty() && !p.full())
		rest.remove_prefix(p.push_page(rest, false));
	wake_waiters(pipe_rd_wait(of.pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
}

}   // namespace kctx::kernel
