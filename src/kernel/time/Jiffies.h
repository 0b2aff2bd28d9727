// Jiffies conversions (include/linux/jiffies.h): round up, so a wait is never shorter
// than asked.
#pragma once

#include <cstdint>

namespace kctx::kernel {

[[nodiscard]] constexpr uint64_t msecs_to_jiffies(uint64_t ms, uint32_t hz) { return (ms * hz + 999) / 1000; }
[[nodiscard]] constexpr uint64_t usecs_to_jiffies(uint64_t us, uint32_t hz) { return (us * hz + 999999) / 1000000; }

}  // namespace kctx::kernel
