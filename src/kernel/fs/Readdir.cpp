// getdents64(2) (fs/readdir.c): iterate_dir() asks the directory's file system for its
// entries from the file position on, and filldir64() packs them (Dirent.cpp). Each file
// system lists in its own order, which kctx follows:
//   rootfs, devtmpfs (tmpfs): dcache_readdir(), newest first (FsTree.cpp);
//   procfs: proc_root_readdir(), its entries in the rbtree's order (proc_match(): shorter
//     names first), then "self" and the thread group leaders by ascending pid;
//   sysfs (kernfs): kernfs_fop_readdir() walks the rbtree in hash order; kctx lists by name
//     (ls sorts them anyway) — the one order here that is not Linux's;
//   debugfs: dcache_readdir(), newest first.
// Every directory starts with "." and ".." (dir_emit_dots()).
#include <map>
#include <set>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/FileFlags.h"
#include "kernel/fs/FsTree.h"
#include "kernel/fs/Path.h"
#include "kernel/fs/ProcRoot.h"

namespace kctx::kernel {

namespace {
using namespace fstree;

constexpr uint8_t kDtDir = dtype_of(kS_IFDIR);

}   // namespace

int64_t Kernel::vfs_readdir(TaskId t, const std::string& path, std::vector<DirEntry>* out) const
{
	out->clear();
	out->push_back({".", path_ino(path), kDtDir});
	out->push_back({"..", path_ino(parent_path(path)), kDtDir});
	auto add = [&](const std::string& name, uint32_t mode) {
		out->push_back({name, path_ino(path == "/" ? "/" + name : path + "/" + name), dtype_of(mode)});
	};
	if (path == "/") {
		for (size_t i = std::size(kRootDirs); i-- > 0;)
			add(std::string(kRootDirs[i]), kS_IFDIR);
		return 0;
	}
	if (path == "/dev" || path == "/tmp") {
		for (const NodeEntry& e : node_entries(m, path))
			out->push_back({e.name, e.st.ino, dtype_of(e.st.mode)});
		return 0;
	}
	if (path == "/proc/self" || path.starts_with("/proc/self/"))
		return vfs_readdir(t, "/proc/" + std::to_string(m.tasks[t].tgid) + path.substr(10), out);
	if (path == "/proc") {
		std::vector<std::pair<std::string, uint32_t>> pdes;
		for (const KernelProcEntry& k : kKernelProcEntries)
			if (k.name != "self")
				pdes.emplace_back(std::string(k.name), k.mode);
		for (const auto& [handle, e] : m.vfs.pseudo.entries)
			if (e.root == PseudoRoot::Proc && e.parent == 0 && !e.builtin)
				pdes.emplace_back(e.name, e.mode);
		std::sort(pdes.begin(), pdes.end(), [](const auto& a, const auto& b) { return proc_name_less(a.first, b.first); });
		for (const auto& [name, mode] : pdes)
			add(name, mode);
		add("self", kS_IFLNK);
		std::set<int32_t> tgids;
		for (const Task& task : m.tasks)
			if (task.pid > 0 && task.pid == task.tgid && !task.reaped)
				tgids.insert(task.pid);
		for (int32_t pid : tgids)
			add(std::to_string(pid), kS_IFDIR);
		return 0;
	}
	if (path == "/proc/sys") {
		add("kernel", kS_IFDIR);
		return 0;
	}
	if (path == "/proc/sys/kernel") {
		add("printk", kS_IFREG);
		add("tainted", kS_IFREG);
		return 0;
	}
	if (path.starts_with("/sys") && !path.starts_with("/sys/kernel/debug")) {
		std::map<std::string, uint8_t> children;
		std::string dir = sysfs_resolve(path);
		auto self = m.devmodel.sysfs.find(dir);
		if (self != m.devmodel.sysfs.end() && self->second.kind == SysfsNode::Kind::File)
			return -abi::kENOTDIR;
		if (!sysfs_children(m, dir, &children))
			return -abi::kENOENT;
		for (const auto& [name, type] : children)
			out->push_back({name, path_ino(dir + "/" + name), type});
		return 0;
	}
	Kstat st;
	int64_t err = vfs_getattr(t, path, true, &st);
	if (err < 0)
		return err;
	if (!s_isdir(st.mode))
		return -abi::kENOTDIR;
	if (path.starts_with("/proc/")) {
		std::string_view rel = std::string_view(path).substr(6);
		if (rel.find('/') == std::string_view::npos && rel.find_first_not_of("0123456789") == std::string_view::npos) {
			for (std::string_view name : {"status", "comm", "cmdline"})   // tgid_base_stuff[]'s order
				add(std::string(name), kS_IFREG);
			return 0;
		}
		auto dir = pseudo_lookup(PseudoRoot::Proc, rel);
		std::vector<std::pair<std::string, uint32_t>> pdes;
		for (const auto& [handle, e] : m.vfs.pseudo.entries)
			if (dir && e.root == PseudoRoot::Proc && e.parent == *dir)
				pdes.emplace_back(e.name, e.mode);
		std::sort(pdes.begin(), pdes.end(), [](const auto& a, const auto& b) { return proc_name_less(a.first, b.first); });
		for (const auto& [name, mode] : pdes)
			add(name, mode);
		return 0;
	}
	if (path == "/sys/kernel/debug" || path.starts_with("/sys/kernel/debug/")) {
		std::string_view rel = std::string_view(path).substr(std::min<size_t>(path.size(), 18));
		std::optional<uint64_t> dir = rel.empty() ? std::optional<uint64_t>(0) : pseudo_lookup(PseudoRoot::Debugfs, rel);
		for (auto it = m.vfs.pseudo.entries.rbegin(); it != m.vfs.pseudo.entries.rend(); ++it)
			if (dir && it->second.root == PseudoRoot::Debugfs && it->second.parent == *dir)
				add(it->second.name, it->second.mode);
		if (rel.empty())
			add("irq", kS_IFDIR);   // irq_debugfs_init(), at boot: the oldest
		if (rel == "irq")
			add("irqs", kS_IFDIR);
		return 0;
	}
	return 0;
}

int64_t Kernel::vfs_getdents64(TaskId t, NativeFrame& f, OpenFile& of)
{
	// ksys_getdents64(): -ENOTDIR for a file with no ->iterate_shared.
	const auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	uint64_t buf = r.args[1];
	auto count = static_cast<uint32_t>(r.args[2]);
	if (of.kind != FileKind::Dir)
		return -abi::kENOTDIR;
	fstree::number_dev_nodes(m.vfs);
	std::vector<DirEntry> entries;
	if (int64_t err = vfs_readdir(t, of.path, &entries); err < 0)
		return err == -abi::kENOENT ? 0 : err;   // a directory removed since the open reads as empty
	if (of.pos < 0 || static_cast<uint64_t>(of.pos) >= entries.size())
		return 0;
	DirentBatch batch = pack_dirents(entries, static_cast<size_t>(of.pos), count);
	if (batch.bytes.empty())
		return batch.error;
	if (buf > fs::kTaskSizeMax || batch.bytes.size() > fs::kTaskSizeMax - buf ||
	    !u.mm.write(buf, batch.bytes.data(), batch.bytes.size()))
		return -abi::kEFAULT;
	of.pos = static_cast<int64_t>(batch.next);
	return static_cast<int64_t>(batch.bytes.size());
}

}   // namespace kctx::kernel
