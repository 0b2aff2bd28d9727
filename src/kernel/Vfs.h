// The VFS state: open files per process and the character devices modules register.
// (Types written first; filled in with the file and device work.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kctx::kernel {

// A process's file descriptor table (fds 0, 1, 2 are the console tty).
struct FileTable {
	bool operator==(const FileTable&) const = default;
	template <typename Ar> void serialize(Ar& ar) {}
};

// Registered character devices and whatever else the VFS keeps system-wide.
struct VfsState {
	bool operator==(const VfsState&) const = default;
	template <typename Ar> void serialize(Ar& ar) {}
};

}  // namespace kctx::kernel
