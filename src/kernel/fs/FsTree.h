// What the file systems kctx mounts hold, as stat(2) and getdents64(2) both need it:
// their device numbers, the directories they always have, and the entries of /dev and
// /tmp. Shared by Stat.cpp and Readdir.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/core/Machine.h"
#include "kernel/fs/Dirent.h"
#include "kernel/fs/Kstat.h"

namespace kctx::kernel::fstree {

// The anonymous device numbers (fs/super.c get_anon_bdev()) of the mounts of a Debian
// 6.1 initramfs, in the order they are made: st_dev tells the file systems apart.
inline constexpr uint32_t kRootfsDev = 1, kDevtmpfsDev = 5, kDebugfsDev = 7, kPipefsDev = 12, kProcDev = 20,
			  kSysfsDev = 21;
// mm/shmem.c BOGO_DIRENT_SIZE: a tmpfs directory's size grows by 20 per entry, from 40.
inline constexpr int64_t kBogoDirentSize = 20;

// The top directories of / (rootfs, a tmpfs), oldest first.
inline constexpr std::string_view kRootDirs[] = {"dev", "proc", "sys", "tmp"};
// sysfs's top directories (fs/sysfs/mount.c and the kobjects boot registers).
inline constexpr std::string_view kSysTopDirs[] = {"block", "bus",       "class",  "dev",    "devices", "firmware",
						   "fs",    "hypervisor", "kernel", "module", "power"};

// A stable inode number for a file whose inode kctx never makes (FNV-1a of its path,
// above the ones VfsState::next_ino hands out).
[[nodiscard]] uint64_t path_ino(std::string_view path);

// A directory's stat.
[[nodiscard]] Kstat dir_stat(uint32_t dev, uint64_t ino, uint32_t perm, uint32_t nlink, int64_t size, uint64_t time_ns);

// One entry of /dev or /tmp: a device node or a FIFO.
struct NodeEntry {
	std::string name;
	Kstat st;
};
// The device nodes and FIFOs in `dir` ("/dev" or "/tmp"), newest first as tmpfs's
// dcache_readdir() lists them (d_alloc() adds a dentry at the head of d_subdirs); the
// nodes devtmpfs made at boot last, in reverse of kBuiltinNodes.
[[nodiscard]] std::vector<NodeEntry> node_entries(const Machine& m, std::string_view dir);

// Where the symlinks of /dev and /tmp lead: `path` itself when it is none, else its target
// (relative to the link's directory) followed as long as it is one; -ELOOP in *err after
// 40 (fs/namei.c MAXSYMLINKS).
[[nodiscard]] std::string follow_symlinks(const Machine& m, std::string path, int64_t* err);

// stat of "/", "/dev", "/tmp" or one of their entries: false when `path` is none of them.
[[nodiscard]] bool tmpfs_getattr(const Machine& m, const std::string& path, Kstat* st, int64_t* err);

// sysfs's children of `dir` (symlinks resolved), by name with their DT_* types: the nodes
// one level down and the directories that exist because something lies below them; false
// when `dir` is no directory of sysfs.
[[nodiscard]] bool sysfs_children(const Machine& m, const std::string& dir, std::map<std::string, uint8_t>* out);

// Gives each node in /dev an inode number at its first stat or open, so both agree.
void number_dev_nodes(VfsState& vfs);

}   // namespace kctx::kernel::fstree
