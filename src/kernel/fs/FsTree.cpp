// The trees of rootfs and devtmpfs (tmpfs, mm/shmem.c): "/", "/tmp", "/dev" and the nodes
// and FIFOs in them, for stat(2) and getdents64(2).
#include "kernel/fs/FsTree.h"

#include <algorithm>

#include "abi/Errno.h"
#include "kernel/fs/DevNodes.h"
#include "kernel/fs/Path.h"
#include "kernel/time/Jiffies.h"

namespace kctx::kernel::fstree {

namespace {
constexpr uint8_t kDtDir = dtype_of(kS_IFDIR), kDtReg = dtype_of(kS_IFREG), kDtLnk = dtype_of(kS_IFLNK);
}

uint64_t path_ino(std::string_view path)
{
	uint32_t h = 2166136261u;
	for (char c : path) {
		h ^= static_cast<uint8_t>(c);
		h *= 16777619u;
	}
	return (uint64_t{1} << 32) | h;
}

Kstat dir_stat(uint32_t dev, uint64_t ino, uint32_t perm, uint32_t nlink, int64_t size, uint64_t time_ns)
{
	Kstat st;
	st.dev = dev;
	st.ino = ino;
	st.mode = kS_IFDIR | perm;
	st.nlink = nlink;
	st.size = size;
	st.time_ns = time_ns;
	return st;
}

std::vector<NodeEntry> node_entries(const Machine& m, std::string_view dir)
{
	const uint64_t boot = realtime_ns(0);
	const uint32_t fs_dev = dir == "/dev" ? kDevtmpfsDev : kRootfsDev;
	std::string prefix = std::string(dir) + "/";
	std::vector<std::pair<uint64_t, NodeEntry>> made;   // (time, entry), made at run time
	auto add = [&](const std::string& path, uint32_t mode, uint32_t rdev, uint64_t ino, int64_t size = 0) {
		if (!path.starts_with(prefix) || path.find('/', prefix.size()) != std::string::npos)
			return;
		auto attr = m.vfs.attrs.find(path);
		NodeEntry e;
		e.name = path.substr(prefix.size());
		e.st.dev = fs_dev;
		e.st.ino = ino ? ino : path_ino(path);
		e.st.mode = attr != m.vfs.attrs.end() ? attr->second.mode : mode;
		e.st.rdev = rdev;
		e.st.time_ns = attr != m.vfs.attrs.end() ? attr->second.time_ns : boot;
		e.st.uid = attr != m.vfs.attrs.end() ? attr->second.uid : 0;
		e.st.gid = attr != m.vfs.attrs.end() ? attr->second.gid : 0;
		e.st.size = size;
		made.emplace_back(e.st.time_ns, std::move(e));
	};
	auto builtin = [](const std::string& path) {
		return std::any_of(std::begin(kBuiltinNodes), std::end(kBuiltinNodes),
				   [&](const BuiltinNode& n) { return n.path == path; });
	};
	for (const auto& [path, node] : m.vfs.nodes)
		if (!builtin(path))
			add(path, kS_IFCHR | kDevtmpfsDefaultPerm, mkdev(node.major, node.minor), node.ino);
	for (const auto& [path, pipe] : m.vfs.fifos)
		add(path, kS_IFIFO | 0644, 0, 0);
	// A symlink's size is its target's length (shmem_symlink(): i_size = len).
	for (const auto& [path, target] : m.vfs.symlinks)
		add(path, kS_IFLNK | 0777, 0, 0, static_cast<int64_t>(target.size()));
	// Newest first; equal times (made in one step) in reverse path order, as a stable
	// stand-in for their creation order.
	std::stable_sort(made.begin(), made.end(), [](const auto& a, const auto& b) {
		return a.first != b.first ? a.first > b.first : a.second.name > b.second.name;
	});
	std::vector<NodeEntry> out;
	for (auto& [time, e] : made)
		out.push_back(std::move(e));
	if (dir != "/dev")
		return out;
	for (size_t i = std::size(kBuiltinNodes); i-- > 0;) {
		const BuiltinNode& n = kBuiltinNodes[i];
		std::string path(n.path);
		auto it = m.vfs.nodes.find(path);
		NodeEntry e;
		e.name = path.substr(5);
		e.st.dev = kDevtmpfsDev;
		e.st.ino = it != m.vfs.nodes.end() && it->second.ino ? it->second.ino : 2 + i;
		e.st.mode = kS_IFCHR | n.perm;
		e.st.rdev = mkdev(n.major, n.minor);
		e.st.time_ns = boot;
		out.push_back(std::move(e));
	}
	return out;
}

std::string follow_symlinks(const Machine& m, std::string path, int64_t* err)
{
	constexpr int kMaxSymlinks = 40;
	for (int n = 0;; n++) {
		auto it = m.vfs.symlinks.find(path);
		if (it == m.vfs.symlinks.end())
			return path;
		if (n == kMaxSymlinks) {
			*err = -abi::kELOOP;
			return path;
		}
		path = normalize_path(parent_path(path), it->second);
	}
}

bool tmpfs_getattr(const Machine& m, const std::string& path, Kstat* st, int64_t* err)
{
	const uint64_t boot = realtime_ns(0);
	if (path == "/") {
		// rootfs: nlink 2 + its subdirectories (shmem_mknod()'s inc_nlink(dir)).
		auto n = static_cast<int64_t>(std::size(kRootDirs));
		*st = dir_stat(kRootfsDev, 1, 0755, 2 + static_cast<uint32_t>(n), 2 * kBogoDirentSize + n * kBogoDirentSize, boot);
		return true;
	}
	for (std::string_view dir : {"/dev", "/tmp"}) {
		if (path == dir) {
			auto n = static_cast<int64_t>(node_entries(m, dir).size());
			// /tmp is sticky and writable by all (initramfs-tools' init makes it so).
			*st = dir_stat(dir == "/dev" ? kDevtmpfsDev : kRootfsDev, dir == "/dev" ? 1 : path_ino(dir),
				       dir == "/dev" ? 0755 : 01777, 2, 2 * kBogoDirentSize + n * kBogoDirentSize, boot);
			return true;
		}
		if (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/') {
			for (NodeEntry& e : node_entries(m, dir)) {
				if (e.name == path.substr(dir.size() + 1)) {
					*st = e.st;
					return true;
				}
			}
			*err = -abi::kENOENT;
			return true;
		}
	}
	return false;
}

// sysfs's children of `dir` (resolved): the nodes one level down, and the directories that
// only exist because something lies below them.
bool sysfs_children(const Machine& m, const std::string& dir, std::map<std::string, uint8_t>* out)
{
	bool exists = dir == "/sys";
	if (dir == "/sys")
		for (std::string_view d : kSysTopDirs)
			(*out)[std::string(d)] = kDtDir;
	for (std::string_view d : kSysTopDirs)
		exists |= dir == "/sys/" + std::string(d);
	if (dir == "/sys/kernel")
		(*out)["debug"] = kDtDir;
	std::string prefix = dir + "/";
	for (auto it = m.devmodel.sysfs.lower_bound(prefix); it != m.devmodel.sysfs.end() && it->first.starts_with(prefix);
	     ++it) {
		exists = true;
		std::string rest = it->first.substr(prefix.size());
		size_t slash = rest.find('/');
		if (slash != std::string::npos) {
			(*out)[rest.substr(0, slash)] = kDtDir;
			continue;
		}
		using Kind = SysfsNode::Kind;
		Kind k = it->second.kind;
		(*out)[rest] = k == Kind::Dir ? kDtDir : k == Kind::Link ? kDtLnk : kDtReg;
	}
	auto self = m.devmodel.sysfs.find(dir);
	return exists || (self != m.devmodel.sysfs.end() && self->second.kind == SysfsNode::Kind::Dir);
}

void number_dev_nodes(VfsState& vfs)
{
	for (auto& [path, node] : vfs.nodes)
		if (!node.ino)
			node.ino = vfs.next_ino++;
}

}   // namespace kctx::kernel::fstree
