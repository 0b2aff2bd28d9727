// The log levels of include/linux/printk.h that printk, syslog(2) and
// /proc/sys/kernel/printk share.
#pragma once

#include <cstdint>

namespace kctx::kernel::loglevel {

inline constexpr int8_t kMessageDefault = 4;   // MESSAGE_LOGLEVEL_DEFAULT: a printk without a level
inline constexpr int8_t kConsoleMin = 1;       // CONSOLE_LOGLEVEL_MIN (minimum_console_loglevel)
inline constexpr int8_t kConsoleDefault = 7;   // CONSOLE_LOGLEVEL_DEFAULT (PrintkState's initial console_loglevel)
inline constexpr int8_t kDefault = -1;         // LOGLEVEL_DEFAULT: "none saved" for saved_console_loglevel

}  // namespace kctx::kernel::loglevel
