// Files: the per-process file table and the VFS path a system call takes into a driver
// (fs/read_write.c, fs/ioctl.c, fs/open.c, fs/file.c):
// do_syscall_64 -> ksys_read -> vfs_read -> file->f_op->read(file, buf, count, &pos).
// Opening is in Open.cpp, reading and writing in ReadWrite.cpp, the memory devices and
// /dev/kmsg in DevFiles.cpp, device registration in CharDev.cpp, pipes in PipeFs.cpp.
#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using namespace fs;
using abi::BuiltinId;
using R = run::Syscall::Resume;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;
}   // namespace

std::vector<std::string_view> vfs_trace_lines(BuiltinId op, R state, bool misc)
{
	// Offsets as in Debian's 6.1 build, give or take: the shape is what matters.
	if (state == R::TtyWait && op == BuiltinId::read)
		return {"wait_woken+0x50/0x70", "n_tty_read+0x5f4/0x6b0", "tty_read+0x12e/0x230",
			"vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == R::KmsgWait)
		return {"devkmsg_read+0x1a6/0x2f0", "vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == R::PipeWait && op == BuiltinId::read)
		return {"pipe_read+0x31f/0x480", "vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == R::PipeWait && op == BuiltinId::write)
		return {"pipe_write+0x2e8/0x6a0", "vfs_write+0x2b6/0x3f0", "ksys_write+0x6f/0xf0"};
	if (state == R::FifoWait)
		return {"fifo_open+0x1c7/0x300", "do_dentry_open+0x1e7/0x410", "path_openat+0xb6d/0x1280",
			"do_filp_open+0xb1/0x160", "do_sys_openat2+0x97/0x160", "__x64_sys_openat+0x54/0xa0"};
	if (state != R::DriverCalled && state != R::ReleaseReturned)
		return {};
	switch (op) {
	case BuiltinId::read: return {"vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	case BuiltinId::write: return {"vfs_write+0xc8/0x3f0", "ksys_write+0x6f/0xf0"};
	case BuiltinId::ioctl: return {"__x64_sys_ioctl+0x8d/0xd0"};
	case BuiltinId::lseek: return {"ksys_lseek+0x7d/0xc0"};
	case BuiltinId::close:
		if (state == R::ReleaseReturned)
			return {"__fput+0xf9/0x2a0", "task_work_run+0x59/0x90",
				"exit_to_user_mode_prepare+0x183/0x190",
				"syscall_exit_to_user_mode+0x17/0x40"};
		return {"filp_close+0x31/0x80", "__x64_sys_close+0x11/0x40"};
	case BuiltinId::open:
		if (misc)
			return {"misc_open+0x10f/0x170",      "chrdev_open+0xc7/0x250",
				"do_dentry_open+0x1e7/0x410", "path_openat+0xb6d/0x1280",
				"do_filp_open+0xb1/0x160",    "do_sys_openat2+0x97/0x160",
				"__x64_sys_openat+0x54/0xa0"};
		return {"chrdev_open+0xc7/0x250",    "do_dentry_open+0x1e7/0x410",
			"path_openat+0xb6d/0x1280",  "do_filp_open+0xb1/0x160",
			"do_sys_openat2+0x97/0x160", "__x64_sys_openat+0x54/0xa0"};
	default: return {};
	}
}

uint64_t Kernel::vfs_pos_slot(TaskId t) const
{
	// ksys_read()'s `loff_t pos` local: on the task's kernel stack, below pt_regs.
	return m.tasks[t].stack_base + addr::kThreadSize - 0xb0;
}

bool Kernel::vfs_call_driver(TaskId t, NativeFrame& f, uint64_t fn, std::span<const uint64_t> args, R resume)
{
	// Calls a driver's file operation; the syscall frame resumes at `resume` with its
	// result in f.ret. `f` must not be used after this.
	f.as<run::Syscall>().resume = resume;
	f.ret = 0;
	push_vm_call(t, fn, args, StackKind::Task);
	return false;
}

bool Kernel::vfs_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The file syscalls, by syscall: true when finished (f.ret set), false when the task
	// sleeps or a driver's file operation was pushed.
	Task& task = m.tasks[t];
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (!task.user)
		return finish(-abi::kEBADF);
	UserState& u = *task.user;
	const auto& r = f.as<run::Syscall>();
	BuiltinId op = r.syscall;
	switch (op) {
	case BuiltinId::open: return do_sys_open(cpu, t, f);
	case BuiltinId::mknod: return finish(vfs_mknod(t, f));
	case BuiltinId::symlink: return finish(vfs_symlink(t, f));
	case BuiltinId::unlink:
	case BuiltinId::chmod:
	case BuiltinId::chown: return finish(vfs_setattr_syscall(t, f));
	case BuiltinId::umask: {
		// kernel/sys.c SYSCALL_DEFINE1(umask): xchg(&current->fs->umask, mask & S_IRWXUGO).
		uint32_t old = u.umask;
		u.umask = static_cast<uint32_t>(r.args[0]) & 0777;
		return finish(old);
	}
	case BuiltinId::stat:
	case BuiltinId::lstat:
	case BuiltinId::fstat:
	case BuiltinId::fstatat: return finish(vfs_fstatat(t, f));
	case BuiltinId::readlink: return finish(vfs_readlink(t, f));
	case BuiltinId::pipe:
	case BuiltinId::pipe2:
		return finish(do_pipe2(t, r.args[0], op == BuiltinId::pipe ? 0 : static_cast<uint32_t>(r.args[1])));
	case BuiltinId::close: return close_fd(cpu, t, f);
	default: break;
	}
	auto it = u.files.fds.find(static_cast<int32_t>(r.args[0]));
	if (it == u.files.fds.end() || !it->second.opened)
		return finish(-abi::kEBADF);
	OpenFile& of = it->second;
	switch (op) {
	case BuiltinId::read: return ksys_read(cpu, t, f, of);
	case BuiltinId::write: return ksys_write(cpu, t, f, of);
	case BuiltinId::ioctl: return do_vfs_ioctl(t, f, of);
	case BuiltinId::lseek: return ksys_lseek(t, f, of);
	case BuiltinId::getdents64: return finish(vfs_getdents64(t, f, of));
	default: break;
	}
	return finish(-abi::kENOSYS);
}

bool Kernel::close_fd(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// close(2): filp_close() -> ->flush, then the last fput's __fput() -> ->release.
	UserState& u = *m.tasks[t].user;
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::DriverCalled) {
		// ->flush returned: its value is close()'s, then the last fput: ->release.
		int64_t ret = as_int(f.ret);
		if (ret == -abi::kERESTARTSYS || ret == -abi::kERESTARTNOINTR ||
		    ret == -abi::kERESTARTNOHAND || ret == -abi::kERESTART_RESTARTBLOCK)
			ret = -abi::kEINTR;   // close_fd(): "can't restart close syscall"
		r.close_ret = ret;
		uint64_t release = 0;
		(void)m.kmem.load(r.fops + FO::release, release);
		if (!put_shared_file(r.file))   // not the last fput: another process holds it (fork)
			return finish(ret);
		if (!release) {
			module_put(fops_owner(r.fops));   // __fput(): fops_put()
			chrdev_put(r.inode);              // __fput(): cdev_put()
			return finish(ret);
		}
		std::array<uint64_t, 2> args = {r.inode, r.file};
		return vfs_call_driver(t, f, release, args, R::ReleaseReturned);
	}
	if (r.resume == R::ReleaseReturned) {
		module_put(fops_owner(r.fops));   // __fput(): fops_put() after ->release
		chrdev_put(r.inode);              // and cdev_put()
		return finish(r.close_ret);
	}
	auto it = u.files.fds.find(static_cast<int32_t>(r.args[0]));
	if (it == u.files.fds.end())
		return finish(-abi::kEBADF);
	OpenFile of = std::move(it->second);
	u.files.fds.erase(it);
	if (of.kind == FileKind::Pipe)
		pipe_release(cpu, of.pipe, of.mode);
	if (of.kind != FileKind::Driver)
		return finish(0);
	if (of.entry && of.released)   // a /proc file remove_proc_entry() already released
		return finish(0);
	r.file = of.file;
	r.inode = of.inode;
	r.fops = of.fops;
	r.close_ret = 0;
	uint64_t flush = 0;
	(void)m.kmem.load(of.fops + FO::flush, flush);
	if (flush) {
		std::array<uint64_t, 2> args = {of.file, 0};
		return vfs_call_driver(t, f, flush, args, R::DriverCalled);
	}
	f.ret = 0;
	r.resume = R::DriverCalled;
	return close_fd(cpu, t, f);
}

bool Kernel::do_vfs_ioctl(TaskId t, NativeFrame& f, OpenFile& of)
{
	// ioctl(2): do_vfs_ioctl()'s commands every file has, then the file's own ioctl.
	UserState& u = *m.tasks[t].user;
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::DriverCalled)
		return finish(f.ret == -abi::kENOIOCTLCMD ? -abi::kENOTTY : f.ret);   // vfs_ioctl()
	auto cmd = static_cast<uint32_t>(r.args[1]);
	uint64_t arg = r.args[2];
	// do_vfs_ioctl(): the commands every file has.
	switch (cmd) {
	case 0x5451:   // FIOCLEX
	case 0x5450:   // FIONCLEX
	case 0x5452:   // FIOASYNC
		return finish(0);
	case 0x5421: {   // FIONBIO
		int32_t on = 0;
		if (!u.mm.load(arg, on))
			return finish(-abi::kEFAULT);
		of.flags = on ? of.flags | O_NONBLOCK : of.flags & ~O_NONBLOCK;
		if (of.kind == FileKind::Driver)
			(void)m.kmem.store(of.file + FL::f_flags, of.flags);
		return finish(0);
	}
	default: break;
	}
	if (of.kind == FileKind::Pipe) {
		// pipe_ioctl(): FIONREAD, the bytes waiting; nothing else.
		if (cmd != 0x541B)
			return finish(-abi::kENOTTY);
		auto n = static_cast<int32_t>(m.vfs.pipes.at(of.pipe).bytes());
		return finish(u.mm.store(arg, n) ? 0 : -abi::kEFAULT);
	}
	if (of.kind == FileKind::Tty) {
		// tty_ioctl(): enough for isatty() and a window size.
		if (cmd == 0x5401) {   // TCGETS
			std::array<uint8_t, 36> termios{};
			return finish(
				u.mm.write(arg, termios.data(), termios.size()) ? 0 : -abi::kEFAULT);
		}
		if (cmd == 0x5413) {   // TIOCGWINSZ
			std::array<uint16_t, 4> ws = {24, 80, 0, 0};
			return finish(u.mm.write(arg, ws.data(), sizeof ws) ? 0 : -abi::kEFAULT);
		}
		return finish(-abi::kENOTTY);
	}
	if (of.kind != FileKind::Driver || pseudo_file_gone(of))
		return finish(-abi::kENOTTY);
	uint64_t fn = 0;
	(void)m.kmem.load(of.fops + FO::unlocked_ioctl, fn);
	if (!fn)
		return finish(-abi::kENOTTY);
	std::array<uint64_t, 3> args = {of.file, cmd, arg};
	return vfs_call_driver(t, f, fn, args, R::DriverCalled);
}

bool Kernel::exit_files(uint32_t cpu, TaskId t)
{
	// exit_files() -> close_files(): each open file's ->flush, then its last fput's
	// ->release, in the exiting task. True when a driver call was pushed.
	Task& task = m.tasks[t];
	if (!task.user)
		return false;
	auto& fds = task.user->files.fds;
	while (!fds.empty()) {
		auto it = fds.begin();
		OpenFile& of = it->second;
		if (of.kind == FileKind::Pipe)
			pipe_release(cpu, of.pipe, of.mode);
		if (of.kind != FileKind::Driver || !of.opened) {
			fds.erase(it);
			continue;
		}
		uint64_t fn = 0;
		if (!of.flushed) {
			of.flushed = true;
			(void)m.kmem.load(of.fops + FO::flush, fn);
			if (fn) {
				std::array<uint64_t, 2> args = {of.file, 0};
				push_vm_call(t, fn, args, StackKind::Task);
				return true;
			}
		}
		if (!of.released) {
			// ->release runs with the file still in the table; the module reference
			// goes after it returns (__fput(): fops_put() follows ->release). A file
			// another process still holds (fork) is not released by this exit.
			of.released = true;
			if (!put_shared_file(of.file)) {
				fds.erase(it);
				continue;
			}
			(void)m.kmem.load(of.fops + FO::release, fn);
			if (fn) {
				std::array<uint64_t, 2> args = {of.inode, of.file};
				push_vm_call(t, fn, args, StackKind::Task);
				return true;
			}
		}
		module_put(fops_owner(of.fops));
		chrdev_put(of.inode);
		fds.erase(it);
	}
	return false;
}

}   // namespace kctx::kernel
