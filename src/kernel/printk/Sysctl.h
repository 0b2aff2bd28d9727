// /proc/sys/kernel/printk (kernel/printk/sysctl.c: proc_dointvec over console_printk[4]):
// the console's level, the default message level, the minimum console level and the
// default console level. kctx keeps the first as state (PrintkState::console_loglevel);
// the other three are Linux's defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kernel/printk/PrintkState.h"

namespace kctx::kernel {

// What a read gives: the four integers, tab-separated, and a newline (proc_dointvec()).
[[nodiscard]] std::string printk_sysctl_text(const PrintkState& p);

// A write of up to four integers (`echo 8 > /proc/sys/kernel/printk`): the first becomes
// console_loglevel; the count written, or -EINVAL when a field is not a number. The other
// fields are parsed (and refused the same way) but kctx keeps Linux's defaults for them.
[[nodiscard]] int64_t printk_sysctl_write(PrintkState& p, std::string_view text);

}   // namespace kctx::kernel
