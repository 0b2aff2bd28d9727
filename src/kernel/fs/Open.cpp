// Opening files (fs/open.c do_sys_openat2, fs/char_dev.c chrdev_open, drivers/char/misc.c
// misc_open, drivers/char/mem.c memory_open): the path to a device node, the file
// table's new descriptor, a driver's ->open; and mknod(2) for /dev and FIFOs.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/DevNodes.h"
#include "kernel/fs/FileFlags.h"
#include "kernel/fs/FsTree.h"
#include "kernel/fs/Kstat.h"
#include "kernel/fs/Path.h"
#include "kernel/fs/Clock.h"

namespace kctx::kernel {

namespace {
using namespace fs;
using R = run::Syscall::Resume;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;
constexpr uint32_t kO_DIRECTORY = 0200000;   // include/uapi/asm-generic/fcntl.h

}   // namespace

bool Kernel::do_sys_open(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// open(2): do_sys_openat2(), resumed after a driver's ->open or a FIFO's wait.
	auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::DriverCalled) {
		int32_t fd = r.fd;
		int64_t err = as_int(f.ret);
		if (err < 0) {
			// A failed ->open: no ->release (fput of an unopened file), but
			// do_dentry_open() puts the module reference.
			module_put(fops_owner(u.files.fds.at(fd).fops));
			chrdev_put(u.files.fds.at(fd).inode);   // chrdev_open()'s out_cdev_put
			u.files.fds.erase(fd);
			return finish(err);
		}
		return finish(finish_open(t, fd));
	}
	if (r.resume == R::FifoWait) {
		std::string path;
		(void)u.mm.read_string(r.args[0], path, 4096);
		bool waiting = false;
		int64_t ret = fifo_open(cpu, t, f, path, static_cast<uint32_t>(r.args[1]), &waiting);
		return waiting ? false : finish(ret);
	}
	bool pushed = false;
	int64_t ret = vfs_open(cpu, t, f, &pushed);
	return pushed ? false : finish(ret);
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
	if (!node.ino)   // stat() may have numbered it already
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
	auto& r = f.as<run::Syscall>();
	std::string path;
	(void)task.user->mm.read_string(r.args[0], path, 4096);
	auto flags = static_cast<uint32_t>(r.args[1]);
	*pushed = false;
	if (path.empty())
		return -abi::kENOENT;
	// A symlink of /dev or /tmp is followed (the walk's trailing symlink, fs/namei.c
	// open_last_lookups()): /dev/scull opens what /dev/scull0 opens.
	if (m.vfs.symlinks.contains(normalize_path("/", path))) {
		int64_t err = 0;
		path = fstree::follow_symlinks(m, normalize_path("/", path), &err);
		if (err)
			return err;
	}
	OpenFile of;
	of.path = path;
	of.flags = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)) | O_LARGEFILE;
	uint32_t acc = flags & O_ACCMODE;
	of.mode = (acc == O_WRONLY ? FMODE_WRITE
		   : acc == O_RDWR ? FMODE_READ | FMODE_WRITE
				   : FMODE_READ) |
		  FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_OPENED;
	// A directory (do_dentry_open() of a dir inode): getdents64() reads it; may_open()
	// refuses to write one, and O_DIRECTORY refuses anything else.
	if (Kstat st; vfs_getattr(t, normalize_path("/", path), true, &st) == 0) {
		if (s_isdir(st.mode)) {
			if (acc != 0 || (flags & (O_CREAT | O_TRUNC)))
				return -abi::kEISDIR;
			of.kind = FileKind::Dir;
			of.path = normalize_path("/", path);
			of.mode |= FMODE_CAN_READ;
			return install_fd(t, std::move(of));
		}
		if (flags & kO_DIRECTORY)
			return -abi::kENOTDIR;
	} else if (flags & kO_DIRECTORY) {
		return -abi::kENOENT;
	}
	if (m.vfs.fifos.contains(path)) {
		bool waiting = false;
		int64_t ret = fifo_open(cpu, t, f, path, flags, &waiting);
		*pushed = waiting;
		return ret;
	}
	if (path.rfind("/proc/", 0) == 0) {
		if (auto entry = pseudo_lookup(PseudoRoot::Proc, std::string_view(path).substr(6)))
			return pseudo_open(t, f, std::move(of), *entry, pushed);
		if (!proc_file_exists(t, path))
			return -abi::kENOENT;
		of.kind = FileKind::Proc;
		of.mode |= FMODE_CAN_READ;
		// drivers/tty/sysrq.c and kernel/printk/sysctl.c: the kernel files of /proc
		// kctx lets a write change.
		if (path == "/proc/sysrq-trigger" || path == "/proc/sys/kernel/printk")
			of.mode |= FMODE_CAN_WRITE;
		return install_fd(t, std::move(of));
	}
	if (path.rfind("/sys/kernel/debug/", 0) == 0) {
		if (uint32_t irq = 0; irq_debug_file(path, &irq)) {
			// kernel/irq/debugfs.c: a kernel file of debugfs, written to inject an interrupt.
			of.kind = FileKind::Proc;
			of.mode |= FMODE_CAN_READ | FMODE_CAN_WRITE;
			return install_fd(t, std::move(of));
		}
		if (auto entry = pseudo_lookup(PseudoRoot::Debugfs, std::string_view(path).substr(18)))
			return pseudo_open(t, f, std::move(of), *entry, pushed);
		return -abi::kENOENT;
	}
	if (path == "/sys" || path.starts_with("/sys/")) {
		of.kind = FileKind::Sysfs;
		of.flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
		int64_t err = sysfs_open(of);
		return err < 0 ? err : install_fd(t, std::move(of));
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
	// chrdev_open(): the cdev that cdev_map gives the device number, a reference to
	// its owner (cdev_get) and one to its fops' owner (fops_get), then for major 10
	// misc_open()'s own lookup by minor.
	uint64_t fops = 0, misc = 0, cdev = 0, cdev_owner = 0;
	if (major == kMiscMajor) {
		const CharDriver* drv = nullptr;
		for (const CharDriver& d : m.vfs.drivers)
			if (d.major == major && minor >= d.minor && minor < d.minor + d.count)
				drv = &d;
		if (!drv)
			return -abi::kENODEV;
		fops = drv->fops;
		misc = drv->misc;
	} else {
		cdev = kobj_lookup_cdev(mkdev(major, minor));
		if (!cdev)
			return -abi::kENXIO;
		(void)m.kmem.load(cdev + abi::layout::cdev::owner, cdev_owner);
		(void)m.kmem.load(cdev + abi::layout::cdev::ops, fops);
		if (!try_module_get(cdev_owner))
			return -abi::kENXIO;
	}
	// fops_get(): the file holds a reference to the driver's module (fops->owner) until
	// its last fput, so rmmod cannot pull the code from under an open file.
	if (!try_module_get(fops_owner(fops))) {
		module_put(cdev_owner);
		return misc ? -abi::kENODEV : -abi::kENXIO;
	}
	uint64_t inode = dev_inode(path, major, minor);
	(void)m.kmem.store(inode + abi::layout::inode::i_cdev, cdev);
	uint64_t file = alloc_kernel(FL::size, "filp");
	bool ok = m.kmem.store(file + FL::f_op, fops) && m.kmem.store(file + FL::f_flags, of.flags) &&
		  m.kmem.store(file + FL::f_mode, of.mode) && m.kmem.store(file + FL::f_pos, int64_t{0}) &&
		  m.kmem.store(file + FL::f_inode, inode) &&
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
		chrdev_put(inode);
		return fd;
	}
	uint64_t open_fn = 0;
	(void)m.kmem.load(fops + FO::open, open_fn);
	if (!open_fn)
		return finish_open(t, fd);
	r.fd = fd;
	*pushed = true;
	std::array<uint64_t, 2> args = {inode, file};
	vfs_call_driver(t, f, open_fn, args, R::DriverCalled);
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
	// ->open may have changed f_mode (nonseekable_open(), seq_open()): it is the file's.
	(void)m.kmem.load(of.file + FL::f_mode, of.mode);
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

int64_t Kernel::vfs_symlink(TaskId t, NativeFrame& f)
{
	// fs/namei.c do_symlinkat(): a new name whose content is the target as given, looked
	// at only when the link is followed. kctx's machine makes files in /dev and /tmp
	// only; a directory whose file system has no ->symlink (procfs, sysfs) is EPERM.
	const auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	std::string target, name;
	if (!u.mm.read_string(r.args[0], target, 4096) || !u.mm.read_string(r.args[1], name, 4096))
		return -abi::kEFAULT;
	if (target.empty() || name.empty())
		return -abi::kENOENT;
	std::string path = normalize_path("/", name);
	Kstat st;
	if (int64_t err = vfs_getattr(t, parent_path(path), true, &st); err < 0)
		return err;
	if (!s_isdir(st.mode))
		return -abi::kENOTDIR;
	if (vfs_getattr(t, path, false, &st) == 0)
		return -abi::kEEXIST;
	if (parent_path(path) != "/dev" && parent_path(path) != "/tmp")
		return -abi::kEPERM;
	m.vfs.symlinks[path] = target;
	m.vfs.attrs[path] = NodeAttr{kS_IFLNK | 0777, task_realtime_ns(m, t)};
	return 0;
}

int64_t Kernel::vfs_mknod(TaskId t, NativeFrame& f)
{
	// mknodat(AT_FDCWD, path, S_IFCHR | mode, dev) for a node in /dev.
	const auto& r = f.as<run::Syscall>();
	std::string path;
	(void)m.tasks[t].user->mm.read_string(r.args[0], path, 4096);
	// fs/namei.c do_mknodat(): the mode less current_umask() (no POSIX ACLs in /dev or /tmp).
	auto mode = static_cast<uint32_t>(r.args[1]);
	mode &= ~m.tasks[t].user->umask;
	uint64_t dev = r.args[2];
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
		m.vfs.attrs[path] = NodeAttr{kS_IFIFO | (mode & 07777), task_realtime_ns(m, t)};
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
	m.vfs.attrs[path] = NodeAttr{kS_IFCHR | (mode & 07777), task_realtime_ns(m, t)};
	return 0;
}

}   // namespace kctx::kernel
