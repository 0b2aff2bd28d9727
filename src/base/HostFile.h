// Reading the user's files from the host, safely: kctx may be given a scenario it does
// not trust (a teaching site, a CI job), so it reads only regular files, only inside the
// scenario directory, and only up to a size limit, and never blocks on what it opens.
#pragma once

#include <cstdint>
#include <string>

#include "base/Result.h"

namespace kctx {

// The largest source file kctx reads (a .c, a header, init.sh, a Kbuild file): 4 MiB,
// far above any real module source, small enough that the front end stays fast.
inline constexpr uint64_t kMaxSourceBytes = 4u << 20;

// Reads `path` whole; the error is the reason alone ("a FIFO, not a regular file: ...").
[[nodiscard]] Result<std::string> read_host_file(const std::string& path, const std::string& root);

// read_host_file() whose error is the line to print: "PATH: error: REASON".
// Reads `path` whole. `root` (a directory; empty: no containment) must contain the file
// once symlinks are resolved. The error is one line naming the file: a symlink leading
// out of the root, something that is not a regular file (a FIFO, a device, a
// directory), a file over kMaxSourceBytes, or what open/read said.
[[nodiscard]] Result<std::string> read_host_source(const std::string& path, const std::string& root);

// Whether canonical `path` is canonical `root` or below it.
[[nodiscard]] bool path_inside(const std::string& path, const std::string& root);

}  // namespace kctx
