// Files: the per-process file table, the console tty, the memory devices
// (drivers/char/mem.c), character devices (fs/char_dev.c, drivers/char/misc.c) and the
// VFS path a system call takes into a driver (fs/read_write.c, fs/ioctl.c, fs/open.c):
// do_syscall_64 -> ksys_read -> vfs_read -> file->f_op->read(file, buf, count, &pos).
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/mm/DevMem.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;
namespace MD = abi::layout::miscdevice;
constexpr uint32_t kMiscNodename = 56;   // struct miscdevice's nodename (prelude/kernel.h)

// include/linux/fs.h
constexpr uint32_t FMODE_READ = 0x1, FMODE_WRITE = 0x2, FMODE_LSEEK = 0x4, FMODE_PREAD = 0x8,
		   FMODE_PWRITE = 0x10;
constexpr uint32_t FMODE_CAN_READ = 0x20000, FMODE_CAN_WRITE = 0x40000, FMODE_OPENED = 0x80000;
// include/uapi/asm-generic/fcntl.h
constexpr uint32_t O_ACCMODE = 03, O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100, O_EXCL = 0200, O_NOCTTY = 0400;
constexpr uint32_t O_TRUNC = 01000, O_NONBLOCK = 04000, O_LARGEFILE = 0100000;
constexpr int64_t kMaxRwCount = 0x7ffff000;            // MAX_RW_COUNT: INT_MAX & PAGE_MASK
constexpr uint64_t kTaskSizeMax = 0x7ffffffff000ull;   // access_ok()'s limit
constexpr int32_t kNrOpen = 1024;                      // RLIMIT_NOFILE's soft limit
constexpr uint32_t kMiscMajor = 10;
constexpr uint32_t kMiscDynamicMinor = 255;
constexpr uint32_t kDynamicMinors = 128;   // drivers/char/misc.c DYNAMIC_MINORS
constexpr uint32_t kMinorBits = 20;

// The states of a file syscall's frame (vfs_syscall), after entry (1).
enum VfsState : uint16_t {
	kStart = 1,
	kDriverReturned = 2,    // the driver's file operation returned (f.ret)
	kTtyWait = 3,           // asleep in n_tty_read / devkmsg_read
	kReleaseReturned = 4,   // close(): ->release returned after ->flush
	kPipeWait = kVfsPipeWait,   // asleep in pipe_read / pipe_write (PipeFs.cpp)
	kFifoWait = kVfsFifoWait,   // asleep in fifo_open's wait_for_partner
	kKmsgWait = 7,              // asleep in devkmsg_read, on log_wait
};

// The device nodes devtmpfs always has, and what they open.
struct BuiltinNode {
	std::string_view path;
	uint32_t major;
	uint32_t minor;
};
constexpr BuiltinNode kBuiltinNodes[] = {
	{"/dev/mem", 1, 1},   {"/dev/null", 1, 3}, {"/dev/zero", 1, 5},    {"/dev/full", 1, 7},
	{"/dev/kmsg", 1, 11}, {"/dev/tty", 5, 0},  {"/dev/console", 5, 1},
};

uint32_t mkdev(uint32_t major, uint32_t minor) { return major << kMinorBits | minor; }

int64_t as_int(int64_t v) { return static_cast<int32_t>(v); }
}   // namespace

std::vector<std::string_view> vfs_trace_lines(uint32_t op, uint16_t state, bool misc)
{
	// Offsets as in Debian's 6.1 build, give or take: the shape is what matters.
	if (state == kTtyWait && static_cast<BuiltinId>(op) == BuiltinId::read)
		return {"wait_woken+0x50/0x70", "n_tty_read+0x5f4/0x6b0", "tty_read+0x12e/0x230",
			"vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == kKmsgWait)
		return {"devkmsg_read+0x1a6/0x2f0", "vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == kPipeWait && static_cast<BuiltinId>(op) == BuiltinId::read)
		return {"pipe_read+0x31f/0x480", "vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	if (state == kPipeWait && static_cast<BuiltinId>(op) == BuiltinId::write)
		return {"pipe_write+0x2e8/0x6a0", "vfs_write+0x2b6/0x3f0", "ksys_write+0x6f/0xf0"};
	if (state == kFifoWait)
		return {"fifo_open+0x1c7/0x300", "do_dentry_open+0x1e7/0x410", "path_openat+0xb6d/0x1280",
			"do_filp_open+0xb1/0x160", "do_sys_openat2+0x97/0x160", "__x64_sys_openat+0x54/0xa0"};
	if (state != kDriverReturned && state != kReleaseReturned)
		return {};
	switch (static_cast<BuiltinId>(op)) {
	case BuiltinId::read: return {"vfs_read+0xb0/0x2f0", "ksys_read+0x6f/0xf0"};
	case BuiltinId::write: return {"vfs_write+0xc8/0x3f0", "ksys_write+0x6f/0xf0"};
	case BuiltinId::ioctl: return {"__x64_sys_ioctl+0x8d/0xd0"};
	case BuiltinId::lseek: return {"ksys_lseek+0x7d/0xc0"};
	case BuiltinId::close:
		if (state == kReleaseReturned)
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

bool Kernel::is_vfs_syscall(uint32_t op)
{
	switch (static_cast<BuiltinId>(op)) {
	case BuiltinId::write:
	case BuiltinId::read:
	case BuiltinId::open:
	case BuiltinId::close:
	case BuiltinId::ioctl:
	case BuiltinId::lseek:
	case BuiltinId::mknod:
	case BuiltinId::pipe:
	case BuiltinId::pipe2: return true;
	default: return false;
	}
}

uint64_t Kernel::vfs_pos_slot(TaskId t) const
{
	// ksys_read()'s `loff_t pos` local: on the task's kernel stack, below pt_regs.
	return m.tasks[t].stack_base + addr::kThreadSize - 0xb0;
}

bool Kernel::vfs_call_driver(TaskId t, NativeFrame& f, uint64_t fn, std::span<const uint64_t> args,
			     uint16_t resume)
{
	// Calls a driver's file operation; the syscall frame resumes at `resume` with its
	// result in f.ret. `f` must not be used after this.
	f.state = resume;
	f.ret = 0;
	push_vm_call(t, fn, args, StackKind::Task);
	return false;
}

std::optional<std::pair<uint32_t, uint32_t>> Kernel::lookup_dev_node(const std::string& path) const
{
	for (const BuiltinNode& n : kBuiltinNodes)
		if (n.path == path)
			return std::pair{n.major, n.minor};
	auto it = m.vfs.nodes.find(path);
	if (it == m.vfs.nodes.end())
		return std::nullopt;
	return std::pair{it->second.major, it->second.minor};
}

uint64_t Kernel::dev_inode(const std::string& path, uint32_t major, uint32_t minor)
{
	// The node's struct inode, made at its first open (i_ino, i_rdev).
	DevNode& node = m.vfs.nodes[path];
	if (node.inode)
		return node.inode;
	node.major = major;
	node.minor = minor;
	node.ino = m.vfs.next_ino++;
	node.inode = alloc_kernel(abi::layout::inode::size, "inode");
	namespace IL = abi::layout::inode;
	bool ok = m.kmem.store(node.inode + IL::i_ino, node.ino) &&
		  m.kmem.store(node.inode + IL::i_rdev, mkdev(major, minor));
	KCTX_CHECK(ok);
	return node.inode;
}

int32_t Kernel::install_fd(TaskId t, OpenFile file)
{
	// get_unused_fd_flags() + fd_install(): the lowest free descriptor.
	FileTable& table = m.tasks[t].user->files;
	int32_t fd = 0;
	while (table.fds.count(fd))
		fd++;
	if (fd >= kNrOpen)
		return -abi::kEMFILE;
	table.fds[fd] = std::move(file);
	return fd;
}

int64_t Kernel::vfs_open(uint32_t cpu, TaskId t, NativeFrame& f, bool* pushed)
{
	// do_sys_openat2() -> do_dentry_open() -> the inode's open: chrdev_open(), then
	// misc_open() for major 10, then the driver's own ->open.
	Task& task = m.tasks[t];
	std::string path;
	(void)task.user->mm.read_string(f.a[0], path, 4096);
	auto flags = static_cast<uint32_t>(f.a[1]);
	*pushed = false;
	if (path.empty())
		return -abi::kENOENT;
	OpenFile of;
	of.path = path;
	of.flags = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)) | O_LARGEFILE;
	uint32_t acc = flags & O_ACCMODE;
	of.mode = (acc == O_WRONLY ? FMODE_WRITE
		   : acc == O_RDWR ? FMODE_READ | FMODE_WRITE
				   : FMODE_READ) |
		  FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_OPENED;
	if (m.vfs.fifos.contains(path)) {
		bool waiting = false;
		int64_t r = fifo_open(cpu, t, f, path, flags, &waiting);
		*pushed = waiting;
		return r;
	}
	if (path.rfind("/proc/", 0) == 0) {
		if (!proc_file_exists(t, path))
			return -abi::kENOENT;
		of.kind = FileKind::Proc;
		of.mode |= FMODE_CAN_READ;
		return install_fd(t, std::move(of));
	}
	auto node = lookup_dev_node(path);
	if (!node)
		return -abi::kENOENT;
	auto [major, minor] = *node;
	of.rdev = mkdev(major, minor);
	auto simple = [&](FileKind kind, uint32_t mode) {
		of.kind = kind;
		of.mode |= mode;
		return install_fd(t, std::move(of));
	};
	if (major == 1) {
		// memory_open(): the minor picks the device.
		switch (minor) {
		case 1: return simple(FileKind::Mem, FMODE_CAN_READ | FMODE_CAN_WRITE);
		case 3: return simple(FileKind::Null, FMODE_CAN_READ | FMODE_CAN_WRITE);
		case 5: return simple(FileKind::Zero, FMODE_CAN_READ | FMODE_CAN_WRITE);
		case 7: return simple(FileKind::Full, FMODE_CAN_READ | FMODE_CAN_WRITE);
		case 11: return simple(FileKind::Kmsg, FMODE_CAN_READ | FMODE_CAN_WRITE);
		default: return -abi::kENXIO;
		}
	}
	if (major == 5 && minor <= 1)
		return simple(FileKind::Tty, FMODE_CAN_READ | FMODE_CAN_WRITE);
	const CharDriver* drv = nullptr;
	for (const CharDriver& d : m.vfs.drivers)
		if (d.major == major && minor >= d.minor && minor < d.minor + d.count)
			drv = &d;
	if (!drv)
		return major == kMiscMajor ? -abi::kENODEV : -abi::kENXIO;   // misc_open / chrdev_open
	uint64_t fops = drv->fops;
	uint64_t misc = drv->misc;
	// fops_get() in misc_open()/chrdev_open(): the file holds a reference to the
	// driver's module (fops->owner) until its last fput, so rmmod cannot pull the code
	// from under an open file.
	if (!try_module_get(fops_owner(fops)))
		return misc ? -abi::kENODEV : -abi::kENXIO;
	uint64_t inode = dev_inode(path, major, minor);
	uint64_t file = alloc_kernel(FL::size, "filp");
	bool ok = m.kmem.store(file + FL::f_op, fops) && m.kmem.store(file + FL::f_flags, of.flags) &&
		  m.kmem.store(file + FL::f_mode, of.mode) && m.kmem.store(file + FL::f_pos, int64_t{0}) &&
		  m.kmem.store(file + FL::private_data,
			       misc);   // misc_open(): file->private_data = the miscdevice
	KCTX_CHECK(ok);
	of.kind = FileKind::Driver;
	of.file = file;
	of.inode = inode;
	of.fops = fops;
	of.opened = false;
	int32_t fd = install_fd(t, std::move(of));
	if (fd < 0) {
		module_put(fops_owner(fops));
		return fd;
	}
	uint64_t open_fn = 0;
	(void)m.kmem.load(fops + FO::open, open_fn);
	if (!open_fn)
		return finish_open(t, fd);
	f.a[3] = static_cast<uint64_t>(fd);
	*pushed = true;
	std::array<uint64_t, 2> args = {inode, file};
	vfs_call_driver(t, f, open_fn, args, kDriverReturned);
	(void)cpu;
	return 0;
}

int64_t Kernel::finish_open(TaskId t, int32_t fd)
{
	// do_dentry_open() after ->open: the file's f_op (the driver may have replaced it)
	// decides what the file can do.
	OpenFile& of = m.tasks[t].user->files.fds.at(fd);
	uint64_t fops = 0, read = 0, write = 0, llseek = 0;
	(void)m.kmem.load(of.file + FL::f_op, fops);
	(void)m.kmem.load(fops + FO::read, read);
	(void)m.kmem.load(fops + FO::write, write);
	(void)m.kmem.load(fops + FO::llseek, llseek);
	of.fops = fops;
	if ((of.mode & FMODE_READ) && read)
		of.mode |= FMODE_CAN_READ;
	if ((of.mode & FMODE_WRITE) && write)
		of.mode |= FMODE_CAN_WRITE;
	if (!llseek)
		of.mode &= ~FMODE_LSEEK;
	of.opened = true;
	(void)m.kmem.store(of.file + FL::f_mode, of.mode);
	return fd;
}

bool Kernel::vfs_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (!task.user)
		return finish(-abi::kEBADF);
	UserState& u = *task.user;
	auto op = static_cast<BuiltinId>(f.op);

	if (op == BuiltinId::open) {
		if (f.state == kDriverReturned) {
			auto fd = static_cast<int32_t>(f.a[3]);
			int64_t err = as_int(f.ret);
			if (err < 0) {
				// A failed ->open: no ->release (fput of an unopened file), but
				// do_dentry_open() puts the module reference.
				module_put(fops_owner(u.files.fds.at(fd).fops));
				u.files.fds.erase(fd);
				return finish(err);
			}
			return finish(finish_open(t, fd));
		}
		if (f.state == kFifoWait) {
			std::string path;
			(void)u.mm.read_string(f.a[0], path, 4096);
			bool waiting = false;
			int64_t r = fifo_open(cpu, t, f, path, static_cast<uint32_t>(f.a[1]), &waiting);
			return waiting ? false : finish(r);
		}
		bool pushed = false;
		int64_t r = vfs_open(cpu, t, f, &pushed);
		return pushed ? false : finish(r);
	}
	if (op == BuiltinId::mknod)
		return finish(vfs_mknod(t, f));
	if (op == BuiltinId::pipe || op == BuiltinId::pipe2)
		return finish(do_pipe2(t, f.a[0], op == BuiltinId::pipe ? 0 : static_cast<uint32_t>(f.a[1])));

	auto fd = static_cast<int32_t>(f.a[0]);
	if (op == BuiltinId::close) {
		if (f.state == kDriverReturned) {
			// ->flush returned: its value is close()'s, then the last fput: ->release.
			int64_t r = as_int(f.ret);
			if (r == -abi::kERESTARTSYS || r == -abi::kERESTARTNOINTR ||
			    r == -abi::kERESTARTNOHAND || r == -abi::kERESTART_RESTARTBLOCK)
				r = -abi::kEINTR;   // close_fd(): "can't restart close syscall"
			f.a[4] = static_cast<uint64_t>(r);
			uint64_t release = 0;
			(void)m.kmem.load(f.a[3] + FO::release, release);
			if (!put_shared_file(f.a[1]))   // not the last fput: another process holds it (fork)
				return finish(r);
			if (!release) {
				module_put(fops_owner(f.a[3]));   // __fput(): fops_put()
				return finish(r);
			}
			std::array<uint64_t, 2> args = {f.a[2], f.a[1]};
			return vfs_call_driver(t, f, release, args, kReleaseReturned);
		}
		if (f.state == kReleaseReturned) {
			module_put(fops_owner(f.a[3]));   // __fput(): fops_put() after ->release
			return finish(static_cast<int64_t>(f.a[4]));
		}
		auto it = u.files.fds.find(fd);
		if (it == u.files.fds.end())
			return finish(-abi::kEBADF);
		OpenFile of = std::move(it->second);
		u.files.fds.erase(it);
		if (of.kind == FileKind::Pipe)
			pipe_release(cpu, of.pipe, of.mode);
		if (of.kind != FileKind::Driver)
			return finish(0);
		f.a[1] = of.file;
		f.a[2] = of.inode;
		f.a[3] = of.fops;
		f.a[4] = 0;
		uint64_t flush = 0;
		(void)m.kmem.load(of.fops + FO::flush, flush);
		if (flush) {
			std::array<uint64_t, 2> args = {of.file, 0};
			return vfs_call_driver(t, f, flush, args, kDriverReturned);
		}
		f.ret = 0;
		f.state = kDriverReturned;
		return vfs_syscall(cpu, t, f);
	}

	auto it = u.files.fds.find(fd);
	if (it == u.files.fds.end() || !it->second.opened)
		return finish(-abi::kEBADF);
	OpenFile& of = it->second;

	switch (op) {
	case BuiltinId::read: {
		if (f.state == kPipeWait)
			return pipe_read(cpu, t, f, of);
		if (f.state == kDriverReturned) {
			// ksys_read(): the driver moved `pos`; it becomes f_pos.
			if (f.ret >= 0) {
				int64_t pos = 0;
				(void)m.kmem.load(vfs_pos_slot(t), pos);
				(void)m.kmem.store(of.file + FL::f_pos, pos);
			}
			return finish(f.ret);
		}
		// vfs_read()
		if (!(of.mode & FMODE_READ))
			return finish(-abi::kEBADF);
		if (!(of.mode & FMODE_CAN_READ))
			return finish(-abi::kEINVAL);
		uint64_t buf = f.a[1];
		auto count = static_cast<int64_t>(std::min<uint64_t>(f.a[2], kMaxRwCount));
		if (buf > kTaskSizeMax || static_cast<uint64_t>(count) > kTaskSizeMax - buf)
			return finish(-abi::kEFAULT);
		switch (of.kind) {
		case FileKind::Tty:
		case FileKind::Kmsg: {
			bool kmsg = of.kind == FileKind::Kmsg;
			if (kmsg) {
				// devkmsg_read(): wait_event_interruptible(log_wait, a record to read);
				// printk wakes log_wait (Printk.cpp).
				finish_wait(addr::kLogWait, t);
				int64_t r = devkmsg_read(t, of, buf, count);
				if (r != -abi::kEAGAIN || (of.flags & O_NONBLOCK))
					return finish(r);
			}
			if (of.flags & O_NONBLOCK)
				return finish(-abi::kEAGAIN);
			// n_tty_read() with no input (nothing types on kctx's console), devkmsg_read()
			// with no new record: an interruptible sleep that a signal ends with
			// -ERESTARTSYS.
			if (signal_pending(t))
				return finish(-abi::kERESTARTSYS);
			if (kmsg) {
				std::vector<Waiter>& list = m.waiters[addr::kLogWait];
				list.insert(list.begin(), Waiter{t, false, false});   // prepare_to_wait_event
			}
			task.state = abi::TASK_INTERRUPTIBLE;
			sync_task_struct(t);
			f.state = kmsg ? kKmsgWait : kTtyWait;
			push_schedule(t);
			return false;
		}
		case FileKind::Null: return finish(0);
		case FileKind::Pipe:
			f.a[2] = static_cast<uint64_t>(count);
			return pipe_read(cpu, t, f, of);
		case FileKind::Zero:
		case FileKind::Full: return finish(clear_user_range(t, buf, static_cast<uint64_t>(count)));
		case FileKind::Mem: return finish(devmem_read(t, of, buf, static_cast<uint64_t>(count)));
		case FileKind::Proc: {
			// seq_read(): the text is made by a read at offset 0 and served from there.
			if (of.pos == 0)
				of.text = proc_file_text(t, of.path);
			uint64_t start = std::min<uint64_t>(static_cast<uint64_t>(of.pos), of.text.size());
			uint64_t n = std::min<uint64_t>(static_cast<uint64_t>(count), of.text.size() - start);
			if (n && !u.mm.write(buf, of.text.data() + start, n))
				return finish(-abi::kEFAULT);
			of.pos += static_cast<int64_t>(n);
			return finish(static_cast<int64_t>(n));
		}
		case FileKind::Driver: {
			uint64_t fn = 0;
			int64_t pos = 0;
			(void)m.kmem.load(of.fops + FO::read, fn);
			(void)m.kmem.load(of.file + FL::f_pos, pos);
			(void)m.kmem.store(vfs_pos_slot(t), pos);
			std::array<uint64_t, 4> args = {of.file, buf, static_cast<uint64_t>(count),
							vfs_pos_slot(t)};
			return vfs_call_driver(t, f, fn, args, kDriverReturned);
		}
		}
		break;
	}
	case BuiltinId::write: {
		if (f.state == kPipeWait)
			return pipe_write(cpu, t, f, of);
		if (f.state == kDriverReturned) {
			if (f.ret >= 0) {
				int64_t pos = 0;
				(void)m.kmem.load(vfs_pos_slot(t), pos);
				(void)m.kmem.store(of.file + FL::f_pos, pos);
			}
			return finish(f.ret);
		}
		// vfs_write()
		if (!(of.mode & FMODE_WRITE))
			return finish(-abi::kEBADF);
		if (!(of.mode & FMODE_CAN_WRITE))
			return finish(-abi::kEINVAL);
		bool libc = f.a[4] == 1;   // stdio's buffer: the data is in f.text
		uint64_t buf = f.a[1];
		auto count = static_cast<int64_t>(std::min<uint64_t>(f.a[2], kMaxRwCount));
		if (!libc && (buf > kTaskSizeMax || static_cast<uint64_t>(count) > kTaskSizeMax - buf))
			return finish(-abi::kEFAULT);
		auto data = [&]() -> std::optional<std::string> {
			if (libc)
				return f.text;
			std::string d(static_cast<size_t>(count), '\0');
			if (count && !u.mm.read(buf, d.data(), d.size()))
				return std::nullopt;
			return d;
		};
		switch (of.kind) {
		case FileKind::Tty: {
			auto d = data();
			if (!d)
				return finish(-abi::kEFAULT);
			console_write(*d);
			return finish(static_cast<int64_t>(d->size()));
		}
		case FileKind::Null:
		case FileKind::Zero: return finish(count);
		case FileKind::Full: return finish(-abi::kENOSPC);
		case FileKind::Pipe:
			if (!libc)
				f.a[2] = static_cast<uint64_t>(count);
			f.a[3] = 0;
			return pipe_write(cpu, t, f, of);
		case FileKind::Kmsg: {
			auto d = data();
			if (!d)
				return finish(-abi::kEFAULT);
			return finish(devkmsg_write(cpu, *d));
		}
		case FileKind::Mem: return finish(devmem_write(of, static_cast<uint64_t>(count)));
		case FileKind::Proc: return finish(-abi::kEINVAL);
		case FileKind::Driver: {
			if (libc) {
				// stdio's buffer reaches the driver through user memory, as it would.
				buf = addr::kUserLibc + 0x400;
				if (f.text.size() > vm::kPageSize - 0x400 ||
				    !u.mm.write(buf, f.text.data(), f.text.size()))
					return finish(-abi::kEFAULT);
				count = static_cast<int64_t>(f.text.size());
			}
			uint64_t fn = 0;
			int64_t pos = 0;
			(void)m.kmem.load(of.fops + FO::write, fn);
			(void)m.kmem.load(of.file + FL::f_pos, pos);
			(void)m.kmem.store(vfs_pos_slot(t), pos);
			std::array<uint64_t, 4> args = {of.file, buf, static_cast<uint64_t>(count),
							vfs_pos_slot(t)};
			return vfs_call_driver(t, f, fn, args, kDriverReturned);
		}
		}
		break;
	}
	case BuiltinId::ioctl: {
		if (f.state == kDriverReturned)
			return finish(f.ret == -abi::kENOIOCTLCMD ? -abi::kENOTTY : f.ret);   // vfs_ioctl()
		auto cmd = static_cast<uint32_t>(f.a[1]);
		uint64_t arg = f.a[2];
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
		if (of.kind != FileKind::Driver)
			return finish(-abi::kENOTTY);
		uint64_t fn = 0;
		(void)m.kmem.load(of.fops + FO::unlocked_ioctl, fn);
		if (!fn)
			return finish(-abi::kENOTTY);
		std::array<uint64_t, 3> args = {of.file, cmd, arg};
		return vfs_call_driver(t, f, fn, args, kDriverReturned);
	}
	case BuiltinId::lseek: {
		if (f.state == kDriverReturned)
			return finish(f.ret);
		auto offset = static_cast<int64_t>(f.a[1]);
		auto whence = static_cast<uint32_t>(f.a[2]);
		if (whence > 4)   // SEEK_MAX (SEEK_HOLE)
			return finish(-abi::kEINVAL);
		switch (of.kind) {
		case FileKind::Tty:
		case FileKind::Pipe: return finish(-abi::kESPIPE);   // no_llseek
		case FileKind::Null:
		case FileKind::Zero:
		case FileKind::Full: of.pos = 0; return finish(0);   // null_lseek
		case FileKind::Mem: {
			// memory_lseek()
			if (whence == 1)
				offset += of.pos;
			else if (whence != 0)
				return finish(-abi::kEINVAL);
			if (static_cast<uint64_t>(offset) >= static_cast<uint64_t>(-4095))
				return finish(-abi::kEOVERFLOW);
			of.pos = offset;
			return finish(offset);
		}
		case FileKind::Kmsg: {
			// devkmsg_llseek()
			if (offset)
				return finish(-abi::kESPIPE);
			if (whence == 0 || whence == 3)   // SEEK_SET, SEEK_DATA
				of.pos = 0;
			else if (whence == 2)   // SEEK_END
				of.pos = static_cast<int64_t>(m.log.size());
			else
				return finish(-abi::kEINVAL);
			return finish(0);
		}
		case FileKind::Proc: {
			// seq_lseek()
			if (whence == 1)
				offset += of.pos;
			else if (whence != 0)
				return finish(-abi::kEINVAL);
			if (offset < 0)
				return finish(-abi::kEINVAL);
			if (offset == 0)
				of.text.clear();
			of.pos = offset;
			return finish(offset);
		}
		case FileKind::Driver: {
			// vfs_llseek(): a file whose f_op has no llseek cannot seek (FMODE_LSEEK).
			if (!(of.mode & FMODE_LSEEK))
				return finish(-abi::kESPIPE);
			uint64_t fn = 0;
			(void)m.kmem.load(of.fops + FO::llseek, fn);
			std::array<uint64_t, 3> args = {of.file, static_cast<uint64_t>(offset), whence};
			return vfs_call_driver(t, f, fn, args, kDriverReturned);
		}
		}
		break;
	}
	default: break;
	}
	return finish(-abi::kENOSYS);
}

int64_t Kernel::clear_user_range(TaskId t, uint64_t buf, uint64_t count)
{
	// read_iter_zero(): zeros a page at a time; a fault ends the read.
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t done = 0;
	while (done < count) {
		uint64_t chunk = std::min(count - done, vm::kPageSize - ((buf + done) & (vm::kPageSize - 1)));
		if (!mm.fill(buf + done, 0, chunk))
			return done ? static_cast<int64_t>(done) : -abi::kEFAULT;
		done += chunk;
	}
	return static_cast<int64_t>(done);
}

int64_t Kernel::devmem_read(TaskId t, OpenFile& of, uint64_t buf, uint64_t count)
{
	// drivers/char/mem.c read_mem(), CONFIG_STRICT_DEVMEM: a page at a time, refused
	// with EPERM where devmem_is_allowed() says 0, zeros where it says 2.
	auto p = static_cast<uint64_t>(of.pos);
	if (!physmem::valid_phys_addr_range(p, count))
		return -abi::kEFAULT;
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t read = 0;
	int64_t err = 0;
	std::vector<uint8_t> bounce;
	while (count > 0) {
		uint64_t sz =
			std::min(count, vm::kPageSize - (p & (vm::kPageSize - 1)));   // size_inside_page()
		int allowed = physmem::devmem_is_allowed(p / vm::kPageSize);
		if (!allowed) {
			err = -abi::kEPERM;
			break;
		}
		bounce.assign(sz, 0);
		if (allowed == 1)
			physmem::firmware_bytes(p, bounce);
		if (!mm.write(buf, bounce.data(), sz)) {
			err = -abi::kEFAULT;
			break;
		}
		buf += sz;
		p += sz;
		count -= sz;
		read += sz;
	}
	of.pos += static_cast<int64_t>(read);
	return read ? static_cast<int64_t>(read) : err;
}

int64_t Kernel::devmem_write(OpenFile& of, uint64_t count)
{
	// write_mem(): the same checks; a restricted page in the first megabyte swallows the
	// write, firmware and MMIO ignore it.
	auto p = static_cast<uint64_t>(of.pos);
	if (!physmem::valid_phys_addr_range(p, count))
		return -abi::kEFAULT;
	uint64_t written = 0;
	while (count > 0) {
		uint64_t sz = std::min(count, vm::kPageSize - (p & (vm::kPageSize - 1)));
		if (!physmem::devmem_is_allowed(p / vm::kPageSize))
			return written ? static_cast<int64_t>(written) : -abi::kEPERM;
		p += sz;
		count -= sz;
		written += sz;
	}
	of.pos += static_cast<int64_t>(written);
	return static_cast<int64_t>(written);
}

int64_t Kernel::devkmsg_read(TaskId t, OpenFile& of, uint64_t buf, int64_t count)
{
	// devkmsg_read(): one record per read, "level,seq,usec,flag;text\n"; -EAGAIN when
	// there is no new one (the caller sleeps unless O_NONBLOCK).
	auto seq = static_cast<uint64_t>(of.pos);
	if (seq >= m.log.size())
		return -abi::kEAGAIN;
	const LogRecord& r = m.log[seq];
	std::string text = r.text;
	if (!text.empty() && text.back() == '\n')
		text.pop_back();
	std::string line = fmt::format("{},{},{},-;{}\n", r.level, seq, r.ts / 1000, text);
	if (static_cast<int64_t>(line.size()) > count)
		return -abi::kEINVAL;
	if (!m.tasks[t].user->mm.write(buf, line.data(), line.size()))
		return -abi::kEFAULT;
	of.pos++;
	return static_cast<int64_t>(line.size());
}

int64_t Kernel::devkmsg_write(uint32_t cpu, const std::string& data)
{
	// devkmsg_write(): "<N>" selects the level; the default is
	// CONFIG_MESSAGE_LOGLEVEL_DEFAULT (4). One record per write.
	if (data.size() > 1024 - 32)   // LOG_LINE_MAX
		return -abi::kEINVAL;
	std::string line = data;
	int level = 4;
	if (!line.empty() && line[0] == '<') {
		size_t close = line.find('>');
		if (close != std::string::npos && close > 1 &&
		    line.find_first_not_of("0123456789", 1) == close) {
			level = std::stoi(line.substr(1, close - 1)) & 7;
			line = line.substr(close + 1);
		}
	}
	printk(cpu, fmt::format("\001{}{}", level, line));
	return static_cast<int64_t>(data.size());
}

int64_t Kernel::vfs_mknod(TaskId t, NativeFrame& f)
{
	// mknodat(AT_FDCWD, path, S_IFCHR | mode, dev) for a node in /dev.
	std::string path;
	(void)m.tasks[t].user->mm.read_string(f.a[0], path, 4096);
	auto mode = static_cast<uint32_t>(f.a[1]);
	uint64_t dev = f.a[2];
	uint32_t type = mode & 0170000;
	if (type == 0010000) {
		// S_IFIFO (mkfifo): a named pipe, in /dev or /tmp, kctx's two directories.
		bool dir_ok = false;
		for (std::string_view dir : {"/dev/", "/tmp/"})
			dir_ok |= path.starts_with(dir) && path.size() > dir.size() &&
				  path.find('/', dir.size()) == std::string::npos;
		if (!dir_ok)
			return -abi::kENOENT;
		if (lookup_dev_node(path) || m.vfs.fifos.contains(path))
			return -abi::kEEXIST;
		m.vfs.fifos[path] = 0;
		return 0;
	}
	if (type != 0020000)   // S_IFCHR or S_IFIFO: kctx has no other special files
		return -abi::kEPERM;
	if (path.rfind("/dev/", 0) != 0 || path.size() <= 5 || path.find('/', 5) != std::string::npos)
		return -abi::kENOENT;
	if (lookup_dev_node(path) || m.vfs.fifos.contains(path))
		return -abi::kEEXIST;
	// glibc's dev_t: major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31.
	auto major = static_cast<uint32_t>(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
	auto minor = static_cast<uint32_t>((dev & 0xff) | ((dev >> 12) & ~0xffull));
	DevNode node;
	node.major = major;
	node.minor = minor;
	m.vfs.nodes[path] = node;
	return 0;
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
		fds.erase(it);
	}
	return false;
}

bool Kernel::vfs_kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call,
				std::span<const uint64_t> args, uint64_t* result)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](int64_t v) {
		*result = static_cast<uint64_t>(v);
		return true;
	};
	switch (call.id) {
	case BuiltinId::misc_register: return ret(misc_register(cpu, arg(0)));
	case BuiltinId::misc_deregister: misc_deregister(cpu, arg(0)); return ret(0);
	case BuiltinId::register_chrdev:
		return ret(register_chrdev(static_cast<uint32_t>(arg(0)), read_kstring(arg(1)), arg(2)));
	case BuiltinId::unregister_chrdev:
		std::erase_if(m.vfs.drivers, [&](const CharDriver& d) {
			return !d.misc && d.major == static_cast<uint32_t>(arg(0));
		});
		return ret(0);
	case BuiltinId::pfn_valid: return ret(physmem::pfn_valid(arg(0)) ? 1 : 0);
	case BuiltinId::page_is_ram: return ret(physmem::page_is_ram(arg(0)) ? 1 : 0);
	case BuiltinId::capable: return ret(1);   // everything runs as root
	case BuiltinId::copy_from_kernel_nofault: {
		// mm/maccess.c: a kernel read that returns -EFAULT instead of oopsing. The
		// direct map covers all RAM: RAM kctx has not touched reads as zeros.
		uint64_t dst = arg(0), src = arg(1), size = arg(2);
		std::vector<uint8_t> bytes(size);
		for (uint64_t off = 0; off < size;) {
			uint64_t a = src + off;
			uint64_t chunk = std::min(size - off, vm::kPageSize - (a & (vm::kPageSize - 1)));
			if (!m.kmem.read(a, bytes.data() + off, chunk)) {
				bool direct_ram =
					a >= physmem::kPageOffset &&
					physmem::page_is_ram((a - physmem::kPageOffset) / vm::kPageSize);
				if (!direct_ram)
					return ret(-abi::kEFAULT);
				std::fill_n(bytes.begin() + static_cast<long>(off), chunk, 0);
			}
			off += chunk;
		}
		vm::AddressSpace mem{m.tasks[t].user ? &m.tasks[t].user->mm : nullptr, &m.kmem};
		vm::Memory* d = mem.for_address(dst);
		if (!d || (size && !d->write(dst, bytes.data(), size)))
			return ret(-abi::kEFAULT);
		return ret(0);
	}
	default: return false;
	}
}

int64_t Kernel::misc_register(uint32_t cpu, uint64_t misc)
{
	// drivers/char/misc.c misc_register(): a dynamic minor from the top of the
	// DYNAMIC_MINORS range down, then device_create() makes /dev/NAME (devtmpfs).
	int32_t minor = 0;
	uint64_t name_ptr = 0, fops = 0, nodename_ptr = 0;
	bool ok = m.kmem.load(misc + MD::minor, minor) && m.kmem.load(misc + MD::name, name_ptr) &&
		  m.kmem.load(misc + MD::fops, fops) && m.kmem.load(misc + kMiscNodename, nodename_ptr);
	if (!ok)
		return -abi::kEFAULT;
	std::string name = read_kstring(name_ptr);
	std::string nodename = nodename_ptr ? read_kstring(nodename_ptr) : name;
	bool dynamic = static_cast<uint32_t>(minor) == kMiscDynamicMinor;
	if (dynamic) {
		uint32_t i = 0;
		while (i < kDynamicMinors && (m.vfs.misc_minors[i / 64] >> (i % 64) & 1))
			i++;
		if (i >= kDynamicMinors)
			return -abi::kEBUSY;
		minor = static_cast<int32_t>(kDynamicMinors - i - 1);
	} else {
		for (const CharDriver& d : m.vfs.drivers)
			if (d.misc && d.minor == static_cast<uint32_t>(minor))
				return -abi::kEBUSY;
	}
	std::string path = "/dev/" + nodename;
	bool exists = false;
	for (const CharDriver& d : m.vfs.drivers)
		exists |= d.misc && d.name == name;
	if (exists) {
		// device_create() -> sysfs_warn_dup(): the name is taken in /sys/devices/virtual/misc.
		printk(cpu,
		       fmt::format(
			       "\0014sysfs: cannot create duplicate filename '/devices/virtual/misc/{}'\n",
			       name));
		std::vector<std::string> callee = {
			"sysfs_warn_dup.cold+0x17/0x24",   "sysfs_create_dir_ns+0xd0/0xe0",
			"kobject_add_internal+0xbb/0x2b0", "kobject_add+0x7e/0xb0",
			"device_add+0x12d/0x8c0",          "device_create_groups_vargs+0xd5/0xf0",
			"device_create+0x49/0x60",         "misc_register+0x109/0x1a0"};
		dump_stack(cpu, callee);
		printk(cpu, fmt::format("\0013kobject_add_internal failed for {} with -EEXIST, don't try to "
					"register things "
					"with the same name in the same directory.\n",
					name));
		return -abi::kEEXIST;
	}
	if (dynamic) {
		uint32_t i = kDynamicMinors - static_cast<uint32_t>(minor) - 1;
		m.vfs.misc_minors[i / 64] |= 1ull << (i % 64);
		(void)m.kmem.store(misc + MD::minor, minor);
	}
	m.vfs.drivers.push_back(CharDriver{kMiscMajor, static_cast<uint32_t>(minor), 1, name, fops, misc});
	DevNode node;
	node.major = kMiscMajor;
	node.minor = static_cast<uint32_t>(minor);
	m.vfs.nodes[path] = node;
	return 0;
}

void Kernel::misc_deregister(uint32_t cpu, uint64_t misc)
{
	// misc_deregister(): WARN_ON(list_empty(&misc->list)) for one never registered.
	auto it = std::find_if(m.vfs.drivers.begin(), m.vfs.drivers.end(),
			       [&](const CharDriver& d) { return d.misc == misc; });
	if (it == m.vfs.drivers.end()) {
		warn(cpu, "drivers/char/misc.c", 245, "misc_deregister+0x1e/0xa0", "", {});
		return;
	}
	for (auto n = m.vfs.nodes.begin(); n != m.vfs.nodes.end();) {
		if (n->second.major == kMiscMajor && n->second.minor == it->minor)
			n = m.vfs.nodes.erase(n);
		else
			++n;
	}
	uint32_t i = kDynamicMinors - it->minor - 1;
	if (it->minor < kDynamicMinors)
		m.vfs.misc_minors[i / 64] &= ~(1ull << (i % 64));
	m.vfs.drivers.erase(it);
}

int64_t Kernel::register_chrdev(uint32_t major, const std::string& name, uint64_t fops)
{
	// fs/char_dev.c __register_chrdev(major, 0, 256, name, fops): major 0 asks for a
	// dynamic one, from 254 down (find_dynamic_major), and returns it.
	constexpr uint32_t kChrdevMajorMax = 512;
	auto taken = [&](uint32_t maj) {
		if (maj == 1 || maj == 4 || maj == 5 || maj == kMiscMajor)
			return true;
		return std::any_of(m.vfs.drivers.begin(), m.vfs.drivers.end(),
				   [&](const CharDriver& d) { return d.major == maj; });
	};
	if (major >= kChrdevMajorMax)
		return -abi::kEINVAL;
	bool dynamic = major == 0;
	if (dynamic) {
		for (uint32_t i = 254; i >= 234 && !major; i--)
			if (!taken(i))
				major = i;
		for (uint32_t i = 511; i >= 384 && !major; i--)
			if (!taken(i))
				major = i;
		if (!major)
			return -abi::kEBUSY;
	} else if (taken(major)) {
		return -abi::kEBUSY;
	}
	m.vfs.drivers.push_back(CharDriver{major, 0, 256, name, fops, 0});
	return dynamic ? static_cast<int64_t>(major) : 0;
}

}   // namespace kctx::kernel
