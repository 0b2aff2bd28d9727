// fcntl(2) (fs/fcntl.c do_fcntl()): duplicating a descriptor, its close-on-exec flag, the
// file's status flags (setfl(), which calls a driver's ->fasync when O_ASYNC changes) and
// the owner SIGIO goes to (f_setown()).
#include <algorithm>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using R = run::Syscall::Resume;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;

// include/uapi/asm-generic/fcntl.h
constexpr uint32_t F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_SETOWN = 8, F_GETOWN = 9,
		   F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1;
constexpr uint32_t O_APPEND = 02000, O_DIRECT = 040000, O_NOATIME = 01000000;
// fs/fcntl.c: the flags F_SETFL may change (O_NDELAY is O_NONBLOCK on x86).
constexpr uint32_t SETFL_MASK = O_APPEND | fs::O_NONBLOCK | fs::FASYNC | O_DIRECT | O_NOATIME;
}   // namespace

void Kernel::set_file_flags(TaskId t, int32_t fd, uint32_t flags)
{
	// struct file's f_flags: kctx copies an open file per descriptor (dup, fork), so every
	// copy of the same driver file takes the change, and the driver's struct file too.
	OpenFile& of = m.tasks[t].user->files.fds.at(fd);
	of.flags = flags;
	if (of.kind != FileKind::Driver)
		return;
	uint64_t file = of.file;
	(void)m.kmem.store(file + FL::f_flags, flags);
	for (size_t i = 0; i < m.tasks.size(); i++) {
		if (!std::as_const(m.tasks)[i].user)
			continue;
		for (auto& [other_fd, other] : m.tasks[i].user->files.fds)
			if (other.kind == FileKind::Driver && other.file == file)
				other.flags = flags;
	}
}

int64_t Kernel::f_dupfd(TaskId t, const OpenFile& of, uint64_t from, bool cloexec)
{
	// f_dupfd(): the lowest free descriptor at or above `from`, on the same file.
	if (from >= static_cast<uint64_t>(fs::kNrOpen))
		return -abi::kEINVAL;
	FileTable& table = m.tasks[t].user->files;
	auto fd = static_cast<int32_t>(from);
	while (table.fds.count(fd))
		fd++;
	if (fd >= fs::kNrOpen)
		return -abi::kEMFILE;
	OpenFile copy = of;
	copy.cloexec = cloexec;
	if (copy.kind == FileKind::Driver)
		m.vfs.shared_files[copy.file]++;   // one more reference: the last close releases
	if (copy.kind == FileKind::Pipe)
		pipe_share(copy.pipe, copy.mode);
	table.fds[fd] = std::move(copy);
	return fd;
}

int64_t Kernel::f_setown(TaskId t, int32_t fd, int64_t who)
{
	// f_setown(): a negative owner is a process group (kctx has one: its pids are its
	// members); a pid nobody has is -ESRCH. The owner belongs to the struct file, so
	// every descriptor on it sees it.
	auto pid = static_cast<int32_t>(who < 0 ? -who : who);
	if (pid && std::none_of(m.tasks.begin(), m.tasks.end(),
				[&](const Task& task) { return task.pid == pid && !task.reaped; }))
		return -abi::kESRCH;
	OpenFile& of = m.tasks[t].user->files.fds.at(fd);
	of.owner = static_cast<int32_t>(who);
	if (of.kind != FileKind::Driver)
		return 0;
	for (size_t i = 0; i < m.tasks.size(); i++) {
		if (!std::as_const(m.tasks)[i].user)
			continue;
		for (auto& [other_fd, other] : m.tasks[i].user->files.fds)
			if (other.kind == FileKind::Driver && other.file == of.file)
				other.owner = static_cast<int32_t>(who);
	}
	return 0;
}

bool Kernel::do_fcntl(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_fcntl(): true when finished (f.ret set), false when the driver's ->fasync runs.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (!m.tasks[t].user)
		return finish(-abi::kEBADF);
	auto fd = static_cast<int32_t>(r.args[0]);
	auto& fds = m.tasks[t].user->files.fds;
	auto it = fds.find(fd);
	if (it == fds.end() || !it->second.opened)
		return finish(-abi::kEBADF);
	OpenFile& of = it->second;
	auto cmd = static_cast<uint32_t>(r.args[1]);
	uint64_t arg = r.args[2];
	if (r.resume == R::DriverCalled) {
		// setfl(): back from ->fasync; a negative value fails F_SETFL, else the flags go in.
		int64_t ret = fs::as_int(f.ret);
		if (ret < 0)
			return finish(ret);
		set_file_flags(t, fd, static_cast<uint32_t>(r.count));
		return finish(0);
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: return finish(f_dupfd(t, of, arg, cmd == F_DUPFD_CLOEXEC));
	case F_GETFD: return finish(of.cloexec ? FD_CLOEXEC : 0);
	case F_SETFD: of.cloexec = (arg & FD_CLOEXEC) != 0; return finish(0);
	case F_GETFL: return finish(of.flags);
	case F_GETOWN: return finish(of.owner);
	case F_SETOWN: return finish(f_setown(t, fd, static_cast<int32_t>(arg)));
	case F_SETFL: break;
	default: return finish(-abi::kEINVAL);
	}
	// setfl(): O_DIRECT is packet mode on a pipe and unsupported on every other kctx file.
	auto flags = static_cast<uint32_t>(arg);
	if ((flags & O_DIRECT) && of.kind != FileKind::Pipe)
		return finish(-abi::kEINVAL);
	uint32_t next = (flags & SETFL_MASK) | (of.flags & ~SETFL_MASK);
	uint64_t fasync = 0;
	if (of.kind == FileKind::Driver)
		(void)m.kmem.load(of.fops + FO::fasync, fasync);
	if (((flags ^ of.flags) & fs::FASYNC) && fasync) {
		// ->fasync(fd, filp, on): the driver adds or removes the file on its fasync list.
		r.count = next;
		std::array<uint64_t, 3> args = {static_cast<uint64_t>(fd), of.file, (flags & fs::FASYNC) ? 1u : 0u};
		return vfs_call_driver(t, f, fasync, args, R::DriverCalled);
	}
	set_file_flags(t, fd, next);
	(void)cpu;
	return finish(0);
}

}   // namespace kctx::kernel
