// stat(2) (fs/stat.c): vfs_fstatat() walks to the file and asks its file system, whose
// ->getattr() (or generic_fillattr()) fills a struct kstat; cp_new_stat() copies it out.
// glibc 2.36 on x86-64 makes stat, lstat, fstat and fstatat all newfstatat(2).
#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/Clock.h"
#include "kernel/fs/FsTree.h"
#include "kernel/fs/Path.h"
#include "kernel/fs/ProcRoot.h"

namespace kctx::kernel {

namespace {
using namespace fstree;
using abi::BuiltinId;

// include/uapi/linux/fcntl.h
constexpr int64_t kAtFdcwd = -100;
constexpr uint32_t kAtSymlinkNofollow = 0x100, kAtNoAutomount = 0x800, kAtEmptyPath = 0x1000,
		   kAtStatxSyncType = 0x6000;

Kstat file_stat(uint32_t dev, uint64_t ino, uint32_t mode, int64_t size, uint64_t time_ns)
{
	Kstat st;
	st.dev = dev;
	st.ino = ino;
	st.mode = mode;
	st.size = size;
	st.time_ns = time_ns;
	return st;
}

// The live (or zombie) task a /proc/PID name stands for, as proc_pid_lookup() finds it.
std::optional<TaskId> proc_pid_task(const Machine& m, std::string_view name)
{
	if (name.empty() || name.size() > 9 || name.find_first_not_of("0123456789") != std::string_view::npos ||
	    (name.size() > 1 && name[0] == '0'))
		return std::nullopt;
	int32_t pid = std::stoi(std::string(name));
	for (TaskId i = 0; i < m.tasks.size(); i++)
		if (pid > 0 && m.tasks[i].pid == pid && !m.tasks[i].reaped)
			return i;
	return std::nullopt;
}

// fs/proc/base.c tgid_base_stuff[]: the files of /proc/PID kctx has, and their modes.
constexpr std::pair<std::string_view, uint32_t> kPidFiles[] = {
	{"status", kS_IFREG | 0444}, {"comm", kS_IFREG | 0644}, {"cmdline", kS_IFREG | 0444}};
// A /proc/PID directory's nlink in 6.1: 2 + the directories of tgid_base_stuff
// (pid_entry_nlink()), which `ls -ld /proc/1` shows as 9.
constexpr uint32_t kPidDirNlink = 9;

}   // namespace

int64_t Kernel::vfs_getattr(TaskId t, const std::string& path, bool follow, Kstat* st) const
{
	// `path` is absolute and normalized (Path.h); its parents are directories (the
	// caller walked them).
	int64_t err = 0;
	if (follow && m.vfs.symlinks.contains(path)) {
		std::string to = follow_symlinks(m, path, &err);
		return err ? err : vfs_getattr(t, to, true, st);
	}
	if (tmpfs_getattr(m, path, st, &err))
		return err;
	const uint64_t now = task_realtime_ns(m, t);
	if (path == "/proc" || path.starts_with("/proc/")) {
		// procfs: files report size 0 (proc_reg_file_ops has no size), blksize 1024
		// (proc_fill_super()), times the inode's instantiation: now.
		std::string_view rel = std::string_view(path).substr(std::min<size_t>(path.size(), 6));
		auto proc_file = [&](uint64_t ino, uint32_t mode) {
			*st = s_isdir(mode) ? dir_stat(kProcDev, ino, mode & 07777, 2, 0, now)
					    : file_stat(kProcDev, ino, mode, 0, now);
			st->blksize = 1024;
			return 0;
		};
		if (rel.empty()) {
			// proc_root_getattr(): proc_root's nlink (2, and one per directory
			// proc_register() added) plus nr_processes().
			uint32_t nlink = 2;
			for (const Task& task : m.tasks)
				nlink += task.pid > 0 && task.pid == task.tgid && !task.reaped;
			for (const KernelProcEntry& k : kKernelProcEntries)
				nlink += s_isdir(k.mode) && k.name != "self";
			for (const auto& [handle, e] : m.vfs.pseudo.entries)
				nlink += e.root == PseudoRoot::Proc && e.parent == 0 && !e.builtin && s_isdir(e.mode);
			proc_file(1, kS_IFDIR | 0555);
			st->nlink = nlink;
			return 0;
		}
		std::string self = std::to_string(m.tasks[t].tgid);
		if (rel == "self" || rel.starts_with("self/")) {
			// fs/proc/self.c: a symlink to the caller's tgid.
			if (rel == "self" && !follow) {
				*st = file_stat(kProcDev, path_ino(path), kS_IFLNK | 0777, 0, now);
				st->blksize = 1024;
				return 0;
			}
			return vfs_getattr(t, "/proc/" + self + std::string(rel.substr(4)), follow, st);
		}
		size_t slash = rel.find('/');
		std::string_view first = rel.substr(0, slash);
		if (proc_pid_task(m, first)) {
			if (slash == std::string_view::npos) {
				proc_file(path_ino(path), kS_IFDIR | 0555);
				st->nlink = kPidDirNlink;
				return 0;
			}
			for (const auto& [name, mode] : kPidFiles)
				if (rel.substr(slash + 1) == name)
					return proc_file(path_ino(path), mode);
			return -abi::kENOENT;
		}
		if (rel == "sys" || rel == "sys/kernel")
			return proc_file(path_ino(path), kS_IFDIR | 0555);
		if (rel == "sys/kernel/printk" || rel == "sys/kernel/tainted")
			return proc_file(path_ino(path), kS_IFREG | 0644);   // proc_dointvec tables' 0644
		if (auto entry = pseudo_lookup(PseudoRoot::Proc, rel)) {
			const PseudoEntry& e = m.vfs.pseudo.entries.at(*entry);
			uint64_t ino = 0;
			int64_t size = 0;
			(void)m.kmem.load(e.inode + abi::layout::inode::i_ino, ino);
			(void)m.kmem.load(e.inode + abi::layout::inode::i_size, size);
			int64_t err = proc_file(ino ? ino : path_ino(path), e.mode);
			// fs/proc/inode.c proc_get_inode(): a size given with proc_set_size() is the
			// inode's i_size.
			if (!s_isdir(e.mode))
				st->size = size;
			return err;
		}
		if (slash == std::string_view::npos)
			for (const KernelProcEntry& k : kKernelProcEntries)
				if (k.name == rel)
					return proc_file(path_ino(path), k.mode);
		return -abi::kENOENT;
	}
	if (path == "/sys/kernel/debug" || path.starts_with("/sys/kernel/debug/")) {
		// debugfs: its root is 0700 (DEBUGFS_DEFAULT_MODE); kctx's irq injection files
		// (kernel/irq/debugfs.c) are 0644 under irq/irqs/.
		if (path == "/sys/kernel/debug" || path == "/sys/kernel/debug/irq" || path == "/sys/kernel/debug/irq/irqs") {
			*st = dir_stat(kDebugfsDev, path_ino(path), path.size() == 17 ? 0700 : 0755, 2, 0, now);
			return 0;
		}
		if (uint32_t irq = 0; irq_debug_file(path, &irq)) {
			*st = file_stat(kDebugfsDev, path_ino(path), kS_IFREG | 0644, 0, now);
			return 0;
		}
		auto entry = pseudo_lookup(PseudoRoot::Debugfs, std::string_view(path).substr(18));
		if (!entry)
			return -abi::kENOENT;
		uint32_t mode = m.vfs.pseudo.entries.at(*entry).mode;
		*st = s_isdir(mode) ? dir_stat(kDebugfsDev, path_ino(path), mode & 07777, 2, 0, now)
				    : file_stat(kDebugfsDev, path_ino(path), mode, 0, now);
		return 0;
	}
	if (path == "/sys" || path.starts_with("/sys/")) {
		// sysfs (kernfs): symlinks along the way followed, the last one only when
		// `follow`; an attribute's size is PAGE_SIZE (sysfs_add_file_mode_ns()).
		std::string p = follow || path == "/sys" ? sysfs_resolve(path)
							 : sysfs_resolve(parent_path(path)) + path.substr(path.rfind('/'));
		auto it = m.devmodel.sysfs.find(p);
		if (it != m.devmodel.sysfs.end() && it->second.kind == SysfsNode::Kind::File) {
			*st = file_stat(kSysfsDev, path_ino(p), kS_IFREG | it->second.mode, 4096, now);
			return 0;
		}
		if (it != m.devmodel.sysfs.end() && it->second.kind == SysfsNode::Kind::Link) {
			*st = file_stat(kSysfsDev, path_ino(p), kS_IFLNK | 0777, 0, now);
			return 0;
		}
		std::map<std::string, uint8_t> children;
		if (!sysfs_children(m, p, &children))
			return -abi::kENOENT;
		uint32_t subdirs = 0;
		for (const auto& [name, type] : children)
			subdirs += type == dtype_of(kS_IFDIR);
		*st = dir_stat(kSysfsDev, path_ino(p), 0755, 2 + subdirs, 0, now);
		return 0;
	}
	return -abi::kENOENT;
}

int64_t Kernel::user_path(TaskId t, uint64_t addr, std::string* path) const
{
	std::string name;
	if (!m.tasks[t].user->mm.read_string(addr, name, 4096))
		return -abi::kEFAULT;
	if (name.empty())
		return -abi::kENOENT;
	*path = normalize_path("/", name);
	return 0;
}

int64_t Kernel::vfs_walk(TaskId t, const std::string& path, bool trailing_slash, bool follow, Kstat* st) const
{
	for (size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
		if (int64_t err = vfs_getattr(t, path.substr(0, at), true, st); err < 0)
			return err;
		if (!s_isdir(st->mode))
			return -abi::kENOTDIR;
	}
	int64_t err = vfs_getattr(t, path, follow || trailing_slash, st);
	if (err == 0 && trailing_slash && !s_isdir(st->mode))
		return -abi::kENOTDIR;
	return err;
}

int64_t Kernel::vfs_fstatat(TaskId t, NativeFrame& f)
{
	// vfs_fstatat(dfd, filename, stat, flags): the four libc entry points' arguments
	// as newfstatat(2)'s.
	const auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	int64_t dfd = kAtFdcwd;
	uint64_t name = 0, buf = 0, flags = 0;
	switch (r.syscall) {
	case BuiltinId::stat: name = r.args[0], buf = r.args[1]; break;
	case BuiltinId::lstat: name = r.args[0], buf = r.args[1], flags = kAtSymlinkNofollow; break;
	case BuiltinId::fstat: dfd = static_cast<int32_t>(r.args[0]), buf = r.args[1], flags = kAtEmptyPath; break;
	default:
		dfd = static_cast<int32_t>(r.args[0]), name = r.args[1], buf = r.args[2];
		flags = static_cast<uint32_t>(r.args[3]);
		break;
	}
	if (flags & ~uint64_t{kAtSymlinkNofollow | kAtNoAutomount | kAtEmptyPath | kAtStatxSyncType})
		return -abi::kEINVAL;
	std::string path;
	if (name && !u.mm.read_string(name, path, 4096))
		return -abi::kEFAULT;
	if (r.syscall != BuiltinId::fstat && !name)
		return -abi::kEFAULT;   // getname(): a NULL filename faults
	fstree::number_dev_nodes(m.vfs);
	Kstat st;
	const OpenFile* of = nullptr;
	if (dfd != kAtFdcwd) {
		auto it = u.files.fds.find(static_cast<int32_t>(dfd));
		if (it != u.files.fds.end())
			of = &it->second;
	}
	if (path.empty()) {
		// vfs_fstat() with AT_EMPTY_PATH; without it an empty name is -ENOENT.
		if (!(flags & kAtEmptyPath))
			return -abi::kENOENT;
		if (!of)
			return -abi::kEBADF;
		if (of->kind == FileKind::Pipe && of->path.starts_with("pipe:[")) {
			// An anonymous pipe: pipefs's inode, S_IFIFO | 0600 (get_pipe_inode()).
			st = file_stat(kPipefsDev, std::stoull(of->path.substr(6)), kS_IFIFO | 0600, 0, task_realtime_ns(m, t));
		} else if (vfs_getattr(t, of->path, true, &st) < 0) {
			// The node is gone (device_destroy() since the open): the inode lives on.
			st = file_stat(kDevtmpfsDev, path_ino(of->path), kS_IFCHR | 0600, 0, task_realtime_ns(m, t));
			st.rdev = of->rdev;
		}
	} else {
		std::string base = "/";
		if (!path.starts_with('/') && dfd != kAtFdcwd) {
			if (!of)
				return -abi::kEBADF;
			if (of->kind != FileKind::Dir)
				return -abi::kENOTDIR;
			base = of->path;
		}
		int64_t err = vfs_walk(t, normalize_path(base, path), path.ends_with('/'), !(flags & kAtSymlinkNofollow), &st);
		if (err < 0)
			return err;
	}
	std::array<uint8_t, 144> bytes = cp_new_stat(st);
	return u.mm.write(buf, bytes.data(), bytes.size()) ? 0 : -abi::kEFAULT;
}

int64_t Kernel::vfs_readlink(TaskId t, NativeFrame& f)
{
	// do_readlinkat(): the last component not followed; -EINVAL for a file that is not
	// a symlink; the target's bytes without a NUL, cut at bufsiz.
	const auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	auto bufsiz = static_cast<int32_t>(r.args[2]);
	if (bufsiz <= 0)
		return -abi::kEINVAL;
	std::string path;
	if (int64_t err = user_path(t, r.args[0], &path); err < 0)
		return err;
	Kstat st;
	if (int64_t err = vfs_walk(t, path, false, false, &st); err < 0)
		return err;
	if ((st.mode & kS_IFMT) != kS_IFLNK)
		return -abi::kEINVAL;
	std::string target;
	if (auto link = m.vfs.symlinks.find(path); link != m.vfs.symlinks.end()) {
		target = link->second;   // shmem_get_link(): the target as symlink(2) was given it
	} else if (path == "/proc/self") {
		target = std::to_string(m.tasks[t].tgid);   // proc_self_get_link()
	} else {
		// kernfs_get_target_path(): the target relative to the link's directory.
		std::string link = sysfs_resolve(parent_path(path)) + path.substr(path.rfind('/'));
		target = relative_path(parent_path(link), m.devmodel.sysfs.at(link).text);
	}
	size_t n = std::min<size_t>(target.size(), static_cast<size_t>(bufsiz));
	return u.mm.write(r.args[1], target.data(), n) ? static_cast<int64_t>(n) : -abi::kEFAULT;
}

}   // namespace kctx::kernel
