// Trace categories: which groups of events `--trace LIST` turns on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/Result.h"

namespace kctx::trace {

// One bit each. The names are ftrace's event systems, except that "irq" also covers the
// x86 irq_vectors events (local_timer_entry…), which are how 6.1 traces the APIC timer.
inline constexpr uint32_t kCategorySched = 1u << 0;      // sched_switch, sched_wakeup
inline constexpr uint32_t kCategorySyscalls = 1u << 1;   // sys_enter_*, sys_exit_*
inline constexpr uint32_t kCategoryIrq = 1u << 2;        // irq vectors, softirq_entry/exit
inline constexpr uint32_t kCategoryTimer = 1u << 3;      // timer_expire_entry/exit
inline constexpr uint32_t kCategoryPrintk = 1u << 4;     // printk:console
inline constexpr uint32_t kCategoryAll = (1u << 5) - 1;
// Not a --trace category (no ftrace event system has it): what runs on each CPU, its
// preempt_count and irq flag, and the kernel's reports, for the HTML timeline.
inline constexpr uint32_t kCategoryContext = 1u << 5;

// "sched,syscalls" -> the set; "all" is every category. An unknown or empty name is an
// error whose message names it and lists the valid ones.
[[nodiscard]] Result<uint32_t> parse_categories(std::string_view list);
// The set as a list parse_categories() reads back ("sched,irq"; "all" for every one).
[[nodiscard]] std::string category_list(uint32_t set);

}  // namespace kctx::trace
