// The file mode and open flags the VFS files share (include/linux/fs.h FMODE_*,
// include/uapi/asm-generic/fcntl.h O_*), and the limits of their syscalls.
#pragma once

#include <cstdint>

namespace kctx::kernel::fs {

// include/linux/fs.h
inline constexpr uint32_t FMODE_READ = 0x1, FMODE_WRITE = 0x2, FMODE_LSEEK = 0x4, FMODE_PREAD = 0x8,
			  FMODE_PWRITE = 0x10;
inline constexpr uint32_t FMODE_CAN_READ = 0x20000, FMODE_CAN_WRITE = 0x40000, FMODE_OPENED = 0x80000;
// include/uapi/asm-generic/fcntl.h
inline constexpr uint32_t O_ACCMODE = 03, O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100, O_EXCL = 0200,
			  O_NOCTTY = 0400;
inline constexpr uint32_t O_TRUNC = 01000, O_NONBLOCK = 04000, O_LARGEFILE = 0100000;
inline constexpr uint32_t FASYNC = 020000;   // O_ASYNC
inline constexpr int64_t kMaxRwCount = 0x7ffff000;            // MAX_RW_COUNT: INT_MAX & PAGE_MASK
inline constexpr uint64_t kTaskSizeMax = 0x7ffffffff000ull;   // access_ok()'s limit
inline constexpr int32_t kNrOpen = 1024;                      // RLIMIT_NOFILE's soft limit

// A driver's int return value, as the 64-bit register the VM hands back holds it.
[[nodiscard]] inline int64_t as_int(int64_t v) { return static_cast<int32_t>(v); }

}   // namespace kctx::kernel::fs
