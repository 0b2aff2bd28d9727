// struct kstat (include/linux/stat.h) as kctx's stat(2) fills it, and cp_new_stat()'s
// x86-64 struct stat (arch/x86/include/uapi/asm/stat.h: 144 bytes, st_nlink before
// st_mode) that newfstatat(2) copies out.
#pragma once

#include <array>
#include <cstdint>

namespace kctx::kernel {

// include/uapi/linux/stat.h: the file types beside PseudoFs.h's S_IFMT, S_IFDIR, S_IFREG.
inline constexpr uint32_t kS_IFCHR = 0020000, kS_IFIFO = 0010000, kS_IFLNK = 0120000;

struct Kstat {
	uint32_t dev = 0;    // the file system's device number, MKDEV(major, minor)
	uint64_t ino = 0;
	uint32_t mode = 0;   // type and permission bits
	uint32_t nlink = 1;
	uint32_t uid = 0;    // kctx's processes and files are root's
	uint32_t gid = 0;
	uint32_t rdev = 0;   // a device node's MKDEV(major, minor)
	int64_t size = 0;
	uint32_t blksize = 4096;   // 1 << i_blkbits
	int64_t blocks = 0;        // 512-byte units
	uint64_t time_ns = 0;      // CLOCK_REALTIME of i_atime, i_mtime and i_ctime alike
	bool operator==(const Kstat&) const = default;
};

// include/linux/kdev_t.h new_encode_dev(): what a 64-bit kernel's encode_dev() puts in
// st_dev and st_rdev (glibc's major()/minor() read it back).
[[nodiscard]] constexpr uint64_t new_encode_dev(uint32_t dev)
{
	uint32_t major = dev >> 20, minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | (static_cast<uint64_t>(minor & ~0xffu) << 12);
}

// fs/stat.c cp_new_stat(): the struct stat bytes, its padding zeroed
// (INIT_STRUCT_STAT_PADDING).
[[nodiscard]] std::array<uint8_t, 144> cp_new_stat(const Kstat& st);

}   // namespace kctx::kernel
