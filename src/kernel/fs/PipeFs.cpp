// Pipes and FIFOs as files (fs/pipe.c): pipe2(), fifo_open(), pipe_read(), pipe_write()
// and pipe_release() with their sleeps and wake-ups. The bytes themselves move by the
// rules in Pipe.cpp.
//
// A task waiting on a pipe sleeps TASK_INTERRUPTIBLE on one of the pipe's two wait queues,
// as wait_event_interruptible_exclusive() puts it: readers on rd_wait, writers on
// wr_wait, keyed by their addresses in the pipe_inode_info kctx allocates for each pipe.
// A signal ends a read that has read nothing with -ERESTARTSYS (so SA_RESTART restarts
// it) and a write with what it wrote, or -ERESTARTSYS if nothing.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// include/linux/fs.h, include/uapi/asm-generic/fcntl.h
constexpr uint32_t FMODE_READ = 0x1, FMODE_WRITE = 0x2, FMODE_CAN_READ = 0x20000, FMODE_CAN_WRITE = 0x40000,
		   FMODE_OPENED = 0x80000;
constexpr uint32_t O_ACCMODE = 03, O_WRONLY = 01, O_RDWR = 02, O_NONBLOCK = 04000, O_DIRECT = 040000,
		   O_CLOEXEC = 02000000, O_NOTIFICATION_PIPE = O_DIRECT;
using R = run::Syscall::Resume;
constexpr uint32_t kPipeInfoSize = 0xa8;   // sizeof(struct pipe_inode_info) on 6.1
constexpr uint32_t kRdWait = 0x30;         // offsetof(struct pipe_inode_info, rd_wait)
constexpr uint32_t kWrWait = 0x48;         // offsetof(struct pipe_inode_info, wr_wait)

// run::Syscall::pipe_progress while a pipe write is in progress: the bytes done so far,
// and the flags pipe_write() keeps across its sleeps.
constexpr uint64_t kDoneMask = 0xffffffffull;
constexpr uint64_t kWasEmptyOrFull = 1ull << 40;   // was_empty (write) / was_full (read)
constexpr uint64_t kWakeNext = 1ull << 41;         // wake_next_writer / wake_next_reader
}   // namespace

uint64_t Kernel::pipe_rd_wait(uint64_t pipe) { return pipe + kRdWait; }
uint64_t Kernel::pipe_wr_wait(uint64_t pipe) { return pipe + kWrWait; }

uint64_t Kernel::alloc_pipe(std::string fifo)
{
	// alloc_pipe_info(): PIPE_DEF_BUFFERS page buffers, no reader or writer yet.
	uint64_t addr = alloc_kernel(kPipeInfoSize, "pipe_inode_info");
	Pipe p;
	p.fifo = std::move(fifo);
	m.vfs.pipes[addr] = std::move(p);
	return addr;
}

OpenFile Kernel::pipe_file(uint64_t pipe, std::string path, uint32_t flags, uint32_t mode)
{
	OpenFile of;
	of.kind = FileKind::Pipe;
	of.path = std::move(path);
	of.flags = flags;
	of.mode = mode | FMODE_OPENED;
	if (mode & FMODE_READ)
		of.mode |= FMODE_CAN_READ;
	if (mode & FMODE_WRITE)
		of.mode |= FMODE_CAN_WRITE;
	of.pipe = pipe;
	return of;
}

int64_t Kernel::do_pipe2(TaskId t, uint64_t fildes, uint32_t flags)
{
	// do_pipe2() -> __do_pipe_flags() -> create_pipe_files(): two files on one pipe, the
	// read end first, in the two lowest free descriptors; copied out, or undone.
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE))
		return -abi::kEINVAL;
	UserState& u = *m.tasks[t].user;
	uint64_t pipe = alloc_pipe({});
	Pipe& p = m.vfs.pipes.at(pipe);
	p.readers = 1;
	p.writers = 1;
	std::string name = fmt::format("pipe:[{}]", m.vfs.next_ino++);
	uint32_t fl = flags & (O_NONBLOCK | O_DIRECT);
	int32_t rfd = install_fd(t, pipe_file(pipe, name, fl, FMODE_READ));
	if (rfd < 0) {
		m.vfs.pipes.erase(pipe);
		return rfd;
	}
	int32_t wfd = install_fd(t, pipe_file(pipe, name, fl | O_WRONLY, FMODE_WRITE));
	if (wfd < 0) {
		u.files.fds.erase(rfd);
		m.vfs.pipes.erase(pipe);
		return wfd;
	}
	std::array<int32_t, 2> fds = {rfd, wfd};
	if (!u.mm.write(fildes, fds.data(), sizeof fds)) {
		u.files.fds.erase(rfd);
		u.files.fds.erase(wfd);
		m.vfs.pipes.erase(pipe);
		return -abi::kEFAULT;
	}
	return 0;
}

void Kernel::pipe_share(uint64_t pipe, uint32_t mode)
{
	// fork() shares the struct file in Linux; kctx copies open files per descriptor, so
	// a pipe counts each copy of an end and EOF/EPIPE come when the last copy closes.
	Pipe& p = m.vfs.pipes.at(pipe);
	if (mode & FMODE_READ)
		p.readers++;
	if (mode & FMODE_WRITE)
		p.writers++;
}

void Kernel::pipe_release(uint32_t cpu, uint64_t pipe, uint32_t mode)
{
	// pipe_release(): the last reader or writer going, while the other side stays, wakes
	// everyone (readers see EOF, writers EPIPE); the last of both frees the pipe.
	auto it = m.vfs.pipes.find(pipe);
	if (it == m.vfs.pipes.end())
		return;
	Pipe& p = it->second;
	if ((mode & FMODE_READ) && p.readers)
		p.readers--;
	if ((mode & FMODE_WRITE) && p.writers)
		p.writers--;
	if (!p.readers != !p.writers) {
		wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
		wake_waiters(pipe_wr_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
	}
	if (p.readers || p.writers)
		return;
	// put_pipe_info(): a FIFO's inode keeps no pipe once nobody has it open.
	if (!p.fifo.empty())
		m.vfs.fifos[p.fifo] = 0;
	m.vfs.pipes.erase(it);
}

void Kernel::pipe_sleep(TaskId t, NativeFrame& f, uint64_t queue, R resume)
{
	// prepare_to_wait_exclusive() + schedule(). `f` must not be used after this.
	prepare_to_wait(t, queue, WaitMode::Exclusive, abi::TASK_INTERRUPTIBLE);
	f.as<run::Syscall>().resume = resume;
	push_schedule(t);
}

bool Kernel::pipe_read(uint32_t cpu, TaskId t, NativeFrame& f, const OpenFile& of)
{
	// pipe_read() of args[1] (buf) and `count`.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	uint64_t pipe = of.pipe;
	if (r.resume == R::PipeWait)
		finish_wait(pipe_rd_wait(pipe), t);
	auto it = m.vfs.pipes.find(pipe);
	KCTX_CHECK(it != m.vfs.pipes.end());
	Pipe& p = it->second;
	uint64_t buf = r.args[1];
	uint64_t total = r.count;
	if (total == 0)
		return finish(0);   // a null read succeeds
	bool was_full = false;
	bool wake_next = false;
	if (r.resume == R::PipeWait) {
		// wait_event_interruptible_exclusive() returns -ERESTARTSYS on a signal; a
		// wake-up that finds the pipe still unreadable sleeps again.
		if (!p.readable()) {
			if (signal_pending(t))
				return finish(-abi::kERESTARTSYS);
			pipe_sleep(t, f, pipe_rd_wait(pipe), R::PipeWait);
			return false;
		}
		wake_next = true;
	}
	was_full = p.full();
	vm::Memory& mm = m.tasks[t].user->mm;
	int64_t ret = 0;
	while (true) {
		if (!p.empty()) {
			// Copied out first, then consumed: a fault leaves the bytes in the pipe.
			const PipeBuffer& tail = p.bufs.front();
			bool packet = tail.packet;
			size_t n = std::min<uint64_t>(total, tail.data.size());
			if (!mm.write(buf, tail.data.data(), n)) {
				if (!ret)
					ret = -abi::kEFAULT;
				break;
			}
			(void)p.take(n);
			ret += static_cast<int64_t>(n);
			buf += n;
			total -= n;
			if (!total || packet)   // a packet buffer ends the read (PIPE_BUF_FLAG_PACKET)
				break;
			if (!p.empty())
				continue;
		}
		if (!p.writers || ret)
			break;
		if (of.flags & O_NONBLOCK) {
			ret = -abi::kEAGAIN;
			break;
		}
		// Nothing read: wake a writer the full pipe kept waiting, then sleep.
		if (was_full)
			wake_waiters(pipe_wr_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
		if (signal_pending(t))
			return finish(-abi::kERESTARTSYS);
		pipe_sleep(t, f, pipe_rd_wait(pipe), R::PipeWait);
		return false;
	}
	if (p.empty())
		wake_next = false;
	if (was_full)
		wake_waiters(pipe_wr_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
	if (wake_next)
		wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
	return finish(ret);
}

bool Kernel::pipe_write(uint32_t cpu, TaskId t, NativeFrame& f, const OpenFile& of)
{
	// pipe_write() of args[1] (buf) and `count`, or of stdio's bytes in `data` for a libc
	// write; `pipe_progress` the bytes written so far and the flags kept across sleeps.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	uint64_t pipe = of.pipe;
	bool resumed = r.resume == R::PipeWait;
	if (resumed)
		finish_wait(pipe_wr_wait(pipe), t);
	auto it = m.vfs.pipes.find(pipe);
	KCTX_CHECK(it != m.vfs.pipes.end());
	Pipe& p = it->second;
	bool libc = r.libc_write;
	uint64_t total = libc ? r.data.size() : r.count;
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t done = resumed ? r.pipe_progress & kDoneMask : 0;
	bool was_empty = resumed ? (r.pipe_progress & kWasEmptyOrFull) != 0 : p.empty();
	bool wake_next = resumed && (r.pipe_progress & kWakeNext);
	// The next `n` bytes of what is being written.
	auto bytes = [&](uint64_t n) -> std::optional<std::string> {
		if (libc)
			return r.data.substr(done, n);
		std::string d(n, '\0');
		if (n && !mm.read(r.args[1] + done, d.data(), n))
			return std::nullopt;
		return d;
	};
	int64_t err = 0;
	if (resumed) {
		if (!p.writable() && !signal_pending(t)) {
			pipe_sleep(t, f, pipe_wr_wait(pipe), R::PipeWait);
			return false;
		}
		// After the wait: was_empty = pipe_empty(); wake_next_writer = true.
		was_empty = p.empty();
		wake_next = true;
	} else {
		if (total == 0)
			return finish(0);   // a null write succeeds
		if (!p.readers) {
			send_signal(cpu, t, abi::kSIGPIPE);
			return finish(-abi::kEPIPE);
		}
		if (!p.empty()) {
			uint64_t chars = total & (kPipePage - 1);
			std::optional<std::string> d = chars ? bytes(chars) : std::string();
			if (!d)
				return finish(-abi::kEFAULT);
			done += p.merge(*d, total);
		}
	}
	while (done < total) {
		if (!p.readers) {
			send_signal(cpu, t, abi::kSIGPIPE);
			if (!done)
				err = -abi::kEPIPE;
			break;
		}
		if (!p.full()) {
			std::optional<std::string> d = bytes(std::min<uint64_t>(total - done, kPipePage));
			if (!d) {
				if (!done)
					err = -abi::kEFAULT;
				break;
			}
			done += p.push_page(*d, (of.flags & O_DIRECT) != 0);
			continue;
		}
		if (of.flags & O_NONBLOCK) {
			if (!done)
				err = -abi::kEAGAIN;
			break;
		}
		if (signal_pending(t)) {
			if (!done)
				err = -abi::kERESTARTSYS;
			break;
		}
		// Full: wake the readers if this write is what filled an empty pipe, then wait.
		if (was_empty)
			wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
		r.pipe_progress = done | (was_empty ? kWasEmptyOrFull : 0) | (wake_next ? kWakeNext : 0);
		pipe_sleep(t, f, pipe_wr_wait(pipe), R::PipeWait);
		return false;
	}
	if (p.full())
		wake_next = false;
	if (was_empty)
		wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
	if (wake_next)
		wake_waiters(pipe_wr_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
	return finish(done ? static_cast<int64_t>(done) : err);
}

int64_t Kernel::fifo_open(uint32_t cpu, TaskId t, NativeFrame& f, const std::string& path, uint32_t flags, bool* waiting)
{
	// fifo_open(): the FIFO's pipe, made at the first open; O_RDONLY waits for a writer
	// and O_WRONLY for a reader unless O_NONBLOCK (when a writer gets ENXIO instead). A
	// sleeping open resumes here at FifoWait: `fd` the fd it holds, `fifo_partner` the
	// partner counter it waits to see move.
	auto& r = f.as<run::Syscall>();
	*waiting = false;
	if (r.resume == R::FifoWait) {
		int32_t fd = r.fd;
		const OpenFile& of = m.tasks[t].user->files.fds.at(fd);
		uint64_t pipe = of.pipe;
		finish_wait(pipe_rd_wait(pipe), t);
		Pipe& p = m.vfs.pipes.at(pipe);
		bool reading = of.mode & FMODE_READ;
		uint32_t counter = reading ? p.w_counter : p.r_counter;
		if (counter != r.fifo_partner)
			return fd;
		if (signal_pending(t)) {
			// err_rd / err_wr: the open fails; the pipe loses this end.
			m.tasks[t].user->files.fds.erase(fd);
			if (reading && !--p.readers)
				wake_waiters(pipe_wr_wait(pipe), abi::TASK_INTERRUPTIBLE, 1, cpu);
			if (!reading && !--p.writers)
				wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
			if (!p.readers && !p.writers) {
				m.vfs.fifos[path] = 0;
				m.vfs.pipes.erase(pipe);
			}
			return -abi::kERESTARTSYS;
		}
		*waiting = true;
		pipe_sleep(t, f, pipe_rd_wait(pipe), R::FifoWait);
		return 0;
	}
	uint32_t acc = flags & O_ACCMODE;
	uint64_t& slot = m.vfs.fifos.at(path);
	Pipe* existing = slot ? &m.vfs.pipes.at(slot) : nullptr;
	if (acc == O_WRONLY && (flags & O_NONBLOCK) && (!existing || !existing->readers))
		return -abi::kENXIO;
	if (!slot)
		slot = alloc_pipe(path);
	uint64_t pipe = slot;
	Pipe& p = m.vfs.pipes.at(pipe);
	uint32_t mode = acc == O_WRONLY ? FMODE_WRITE : acc == O_RDWR ? FMODE_READ | FMODE_WRITE : FMODE_READ;
	bool wait = false;
	uint32_t partner = 0;
	if (mode == FMODE_READ) {
		p.r_counter++;
		if (p.readers++ == 0)
			wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);   // wake_up_partner()
		wait = !p.writers && !(flags & O_NONBLOCK);
		partner = p.w_counter;
	} else if (mode == FMODE_WRITE) {
		p.w_counter++;
		if (p.writers++ == 0)
			wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
		wait = !p.readers;
		partner = p.r_counter;
	} else {
		p.readers++;
		p.writers++;
		p.r_counter++;
		p.w_counter++;
		if (p.readers == 1 || p.writers == 1)
			wake_waiters(pipe_rd_wait(pipe), abi::TASK_INTERRUPTIBLE, 0, cpu);
	}
	uint32_t fl = (flags & ~(0100u | 0200u | 0400u | 01000u)) | 0100000u;   // as vfs_open keeps them
	int32_t fd = install_fd(t, pipe_file(pipe, path, fl, mode));
	if (fd < 0) {
		pipe_release(cpu, pipe, mode);
		return fd;
	}
	if (!wait)
		return fd;
	r.fd = fd;
	r.fifo_partner = partner;
	*waiting = true;
	pipe_sleep(t, f, pipe_rd_wait(pipe), R::FifoWait);
	return 0;
}

}   // namespace kctx::kernel
