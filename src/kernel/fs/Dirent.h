// Directory entries as a file system's ->iterate_shared() emits them, and the
// struct linux_dirent64 records fs/readdir.c filldir64() packs them into for getdents64(2).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace kctx::kernel {

struct DirEntry {
	std::string name;
	uint64_t ino = 0;
	uint8_t type = 0;   // DT_*: the S_IFMT bits >> 12 (include/linux/fs_types.h fs_umode_to_dtype())
	bool operator==(const DirEntry&) const = default;
};

[[nodiscard]] constexpr uint8_t dtype_of(uint32_t mode) { return static_cast<uint8_t>((mode >> 12) & 15); }

// One getdents64() call's records: entries[first...] while they fit in `count` bytes.
struct DirentBatch {
	std::string bytes;    // the records, each d_off the position after it
	size_t next = 0;      // the position (index) the next call starts at
	int64_t error = 0;    // -EINVAL: not even the first record fits
};

// filldir64(): reclen = ALIGN(offsetof(d_name) + namlen + 1, 8); a record that does not
// fit ends the batch, and when it is the first the call fails with -EINVAL.
[[nodiscard]] DirentBatch pack_dirents(std::span<const DirEntry> entries, size_t first, uint64_t count);

}   // namespace kctx::kernel
