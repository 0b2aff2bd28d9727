// Jiffies conversions (include/linux/jiffies.h): round up, so a wait is never shorter
// than asked.
#pragma once

#include <cstdint>

namespace kctx::kernel {

[[nodiscard]] constexpr uint64_t msecs_to_jiffies(uint64_t ms, uint32_t hz) { return (ms * hz + 999) / 1000; }
[[nodiscard]] constexpr uint64_t usecs_to_jiffies(uint64_t us, uint32_t hz) { return (us * hz + 999999) / 1000000; }

// CLOCK_REALTIME at boot (2026-11-28 00:00:00 UTC): the wall clock of every kctx machine
// is this plus the time since boot, for the kernel's ktime_get_real*() and for the vDSO's
// clock_gettime()/time() in programs alike.
inline constexpr uint64_t kRealtimeAtBootSeconds = 1'795'824'000;
[[nodiscard]] constexpr uint64_t realtime_ns(uint64_t since_boot_ns)
{
	return kRealtimeAtBootSeconds * 1'000'000'000ull + since_boot_ns;
}

}  // namespace kctx::kernel
