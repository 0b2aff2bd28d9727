// The device nodes devtmpfs has before any module loads, what they open and their modes:
// drivers/char/mem.c devlist[] (mem's mode 0 is devtmpfs's default 0600), tty_devnode()
// for /dev/tty (0666) and /dev/console's 0600 (drivers/tty/tty_io.c).
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::kernel {

struct BuiltinNode {
	std::string_view path;
	uint32_t major;
	uint32_t minor;
	uint32_t perm;
};
inline constexpr BuiltinNode kBuiltinNodes[] = {
	{"/dev/mem", 1, 1, 0600},  {"/dev/null", 1, 3, 0666}, {"/dev/zero", 1, 5, 0666},    {"/dev/full", 1, 7, 0666},
	{"/dev/kmsg", 1, 11, 0644}, {"/dev/tty", 5, 0, 0666},  {"/dev/console", 5, 1, 0600},
};

// drivers/base/devtmpfs.c devtmpfs_create_node(): a device whose class gives no mode
// gets 0600.
inline constexpr uint32_t kDevtmpfsDefaultPerm = 0600;

}   // namespace kctx::kernel
