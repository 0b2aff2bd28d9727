// A path as the VFS's walk sees it (fs/namei.c): kctx's processes all have "/" as their
// working directory, so a relative path starts there.
#pragma once

#include <string>
#include <string_view>

namespace kctx::kernel {

// The absolute path `path` names from directory `base`: empty components and "." dropped,
// ".." one level up (never above "/"), no trailing slash but for "/" itself.
[[nodiscard]] std::string normalize_path(std::string_view base, std::string_view path);

// The directory part of an absolute, normalized path ("/" for "/dev").
[[nodiscard]] std::string parent_path(std::string_view path);

// `to` as a path relative to directory `from` (both absolute): "../../devices/x" from
// "/sys/class/c" to "/sys/devices/x", as kernfs_get_target_path() writes a sysfs link.
[[nodiscard]] std::string relative_path(std::string_view from, std::string_view to);

}   // namespace kctx::kernel
