// The entries modules add to /proc (fs/proc/generic.c's proc_dir_entry tree) and to
// /sys/kernel/debug (fs/debugfs/inode.c's dentries). Plain data, as the Machine: each
// entry is named by its handle, the address module code holds (a struct proc_dir_entry
// or a debugfs struct dentry); its inode and dentry are kernel memory a file points to.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kctx::kernel {

enum class PseudoRoot : uint8_t {
	Proc,      // /proc
	Debugfs,   // /sys/kernel/debug
};

// include/uapi/linux/stat.h
inline constexpr uint32_t kS_IFMT = 0170000, kS_IFDIR = 0040000, kS_IFREG = 0100000;
[[nodiscard]] constexpr bool s_isdir(uint32_t mode) { return (mode & kS_IFMT) == kS_IFDIR; }

struct PseudoEntry {
	PseudoRoot root = PseudoRoot::Proc;
	uint64_t parent = 0;   // the parent's handle; 0 for the root directory
	std::string name;
	uint32_t mode = 0;     // S_IFDIR or S_IFREG | permissions
	uint64_t dentry = 0;   // struct dentry (file->f_path.dentry); debugfs: the handle
	uint64_t inode = 0;    // struct inode: i_ino, i_mode, i_size, i_private = data
	uint64_t ops = 0;      // Proc: the struct proc_ops; Debugfs: the struct file_operations
	uint64_t fops = 0;     // Proc: the file_operations kctx calls, copied from ops at each open
	bool builtin = false;  // one of the kernel's own entries (/proc/version …): not a module's
	bool operator==(const PseudoEntry&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(root, parent, name, mode, dentry, inode, ops, fops, builtin);
	}
};

struct PseudoFs {
	std::map<uint64_t, PseudoEntry> entries;   // by handle
	// Entries just removed whose open files still need ->proc_release
	// (fs/proc/inode.c proc_entry_rundown()), in removal order.
	std::vector<uint64_t> dying;
	uint64_t next_ino = 0;
	bool seeded = false;   // the kernel's own /proc entries are in `entries`
	bool operator==(const PseudoFs&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(entries, dying, next_ino, seeded);
	}
};

}   // namespace kctx::kernel
