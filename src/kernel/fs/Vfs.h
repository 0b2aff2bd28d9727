// The VFS state: open files per process and the character devices modules register
// (fs/file_table.c, fs/char_dev.c, drivers/char/misc.c). Plain data, as the Machine.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "abi/Builtins.h"
#include "kernel/fs/Pipe.h"
#include "kernel/fs/PseudoFs.h"
#include "kernel/task/RunStates.h"

namespace kctx::kernel {

// What an open file is backed by: file_operations kctx runs natively, or a driver's.
enum class FileKind : uint8_t {
	Tty,      // the console (drivers/tty): fds 0, 1, 2, /dev/tty, /dev/console
	Null,     // /dev/null (drivers/char/mem.c null_fops)
	Zero,     // /dev/zero (zero_fops)
	Full,     // /dev/full (full_fops)
	Kmsg,     // /dev/kmsg (kernel/printk/printk.c devkmsg_fops)
	Mem,      // /dev/mem (mem_fops, CONFIG_STRICT_DEVMEM)
	Proc,     // a /proc file (seq_file): its text is produced by a read at offset 0
	Driver,   // a module's file_operations: a misc device or a cdev
	Sysfs,    // a /sys attribute or directory (fs/sysfs, kernfs): DeviceModelState::sysfs[path]
	Pipe,     // one end of a pipe or FIFO (fs/pipe.c pipefifo_fops): VfsState::pipes[pipe]
	Dir,      // a directory opened for getdents64 (fs/readdir.c): pos is the next entry's index
};

// struct file: one open file description.
struct OpenFile {
	FileKind kind = FileKind::Tty;
	std::string path;
	uint32_t flags = 0;     // f_flags: the open flags (O_*), O_LARGEFILE added
	uint32_t mode = 0;      // f_mode (FMODE_*)
	int64_t pos = 0;        // f_pos of the natively run files (a driver's is in its struct file)
	uint64_t file = 0;      // Driver: its struct file in kernel memory; Sysfs: the page show() fills
	uint64_t inode = 0;     // Driver: the device's struct inode
	uint64_t fops = 0;      // Driver: the struct file_operations
	uint32_t rdev = 0;      // the device number, MKDEV(major, minor)
	bool opened = true;     // Driver: false while its ->open runs
	bool flushed = false;   // Driver: ->flush already called by exit_files()
	bool released = false;  // Driver: ->release already called by exit_files()
	std::string text;       // Proc: the seq_file buffer
	uint64_t pipe = 0;      // Pipe: its pipe_inode_info, the key of VfsState::pipes
	bool cloexec = false;   // the descriptor's FD_CLOEXEC (fcntl F_SETFD)
	int32_t owner = 0;      // f_owner: who gets SIGIO (fcntl F_SETOWN; < 0 a process group)
	uint64_t entry = 0;     // Driver: a module's /proc or debugfs file, its VfsState::pseudo handle
	bool operator==(const OpenFile&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(kind, path, flags, mode, pos, file, inode, fops, rdev, opened, flushed, released, text, pipe, cloexec, owner, entry);
	}
};

// A process's file descriptor table. fds 0, 1, 2 start as the console tty.
struct FileTable {
	std::map<int32_t, OpenFile> fds = console_fds();
	bool operator==(const FileTable&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(fds);
	}

	[[nodiscard]] static std::map<int32_t, OpenFile> console_fds()
	{
		OpenFile tty;
		tty.path = "/dev/console";
		tty.flags = 02 | 0100000;   // O_RDWR | O_LARGEFILE
		tty.mode = 0x3 | 0x20000 | 0x40000;
		return {{0, tty}, {1, tty}, {2, tty}};
	}
};

// A registered misc device (major 10): drivers/char/misc.c misc_list.
struct CharDriver {
	uint32_t major = 0;
	uint32_t minor = 0;   // the first minor
	uint32_t count = 1;   // minors covered
	std::string name;
	uint64_t fops = 0;
	uint64_t misc = 0;   // the struct miscdevice, or 0
	bool operator==(const CharDriver&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(major, minor, count, name, fops, misc);
	}
};

// A node in /dev (devtmpfs, or mknod): which device it opens.
struct DevNode {
	uint32_t major = 0;
	uint32_t minor = 0;
	uint64_t inode = 0;   // its struct inode in kernel memory, made at the first open
	uint64_t ino = 0;
	uint64_t device = 0;   // the struct device devtmpfs made it for (device_create), or 0
	bool operator==(const DevNode&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(major, minor, inode, ino, device);
	}
};

// The mode and time of a node made while the machine runs (mknod, mkfifo, devtmpfs), for
// stat(2): include/uapi/linux/stat.h's type and permission bits, and its i_mtime.
struct NodeAttr {
	uint32_t mode = 0;
	uint64_t time_ns = 0;   // CLOCK_REALTIME when it was made
	uint32_t uid = 0;       // chown(2)'s; root's until then
	uint32_t gid = 0;
	bool operator==(const NodeAttr&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(mode, time_ns, uid, gid);
	}
};

// fs/char_dev.c struct char_device_struct: a registered range of char device numbers,
// what /proc/devices lists.
struct ChrdevRegion {
	uint32_t major = 0;
	uint32_t baseminor = 0;
	uint32_t minorct = 0;
	std::string name;
	uint64_t cdev = 0;   // the cdev __register_chrdev() made for it, or 0
	bool operator==(const ChrdevRegion&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(major, baseminor, minorct, name, cdev);
	}
};

// drivers/base/map.c struct probe: a cdev_add()ed range of device numbers in cdev_map.
struct CdevProbe {
	uint32_t dev = 0;
	uint32_t range = 0;
	uint64_t cdev = 0;
	bool operator==(const CdevProbe&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(dev, range, cdev);
	}
};

// The system-wide part of the VFS.
struct VfsState {
	std::vector<CharDriver> drivers;         // misc devices, registration order
	std::vector<ChrdevRegion> chrdevs;       // fs/char_dev.c chrdevs[], registration order
	std::vector<CdevProbe> cdev_map;         // kobj_map's probes: by range, then newest first
	std::map<std::string, DevNode> nodes;    // /dev entries beyond the built-in ones, by path
	std::array<uint64_t, 2> misc_minors{};   // drivers/char/misc.c: the DYNAMIC_MINORS (128) bitmap
	uint64_t next_ino = 1000;
	// Open pipes by the address of their pipe_inode_info (whose rd_wait and wr_wait are
	// the wait queues readers and writers sleep on); gone when the last end closes.
	std::map<uint64_t, Pipe> pipes;
	// FIFOs made by mknod(S_IFIFO), by path: the pipe while some end is open, else 0.
	std::map<std::string, uint64_t> fifos;
	// A driver's open file shared by more than one file table (fork): struct file's
	// address -> the references beyond the first. The last close calls ->release.
	std::map<uint64_t, uint32_t> shared_files;
	PseudoFs pseudo;   // the /proc and debugfs entries modules made (PseudoFs.h)
	std::map<std::string, NodeAttr> attrs;   // by path: the nodes in `nodes`, `fifos` and `symlinks` made at run time
	// symlink(2) in /dev or /tmp (busybox `ln -s`, as LDD3's scull_load makes /dev/scull):
	// the link's path -> its target as given.
	std::map<std::string, std::string> symlinks;
	bool operator==(const VfsState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(drivers, chrdevs, cdev_map, nodes, misc_minors, next_ino, pipes, fifos, shared_files, pseudo, attrs,
		   symlinks);
	}
};

// include/linux/kdev_t.h: a device number is MKDEV(major, minor), MINORBITS 20.
inline constexpr uint32_t kMinorBits = 20;
inline constexpr uint32_t kMiscMajor = 10;   // include/uapi/linux/major.h MISC_MAJOR
[[nodiscard]] constexpr uint32_t mkdev(uint32_t major, uint32_t minor) { return major << kMinorBits | minor; }
[[nodiscard]] constexpr uint32_t dev_major(uint32_t dev) { return dev >> kMinorBits; }   // MAJOR()
// A misc device's number (drivers/char/misc.c): its open goes through misc_open().
[[nodiscard]] constexpr bool is_misc_device(uint32_t dev) { return dev_major(dev) == kMiscMajor; }

// The VFS functions a call trace shows between do_syscall_64 and a driver's file
// operation, innermost first, for syscall `op` at resume point `resume`; `misc` for an
// open of a misc device. Empty when the syscall is not in a driver.
[[nodiscard]] std::vector<std::string_view> vfs_trace_lines(abi::BuiltinId op, run::Syscall::Resume resume, bool misc);

}   // namespace kctx::kernel
