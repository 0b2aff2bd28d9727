// preempt_count layout (include/linux/preempt.h, 6.1) and the task states
// (include/linux/sched.h).
#pragma once

#include <cstdint>

namespace kctx::abi {

inline constexpr uint32_t PREEMPT_MASK = 0x000000ff;
inline constexpr uint32_t SOFTIRQ_MASK = 0x0000ff00;
inline constexpr uint32_t HARDIRQ_MASK = 0x000f0000;
inline constexpr uint32_t NMI_MASK = 0x00f00000;
inline constexpr uint32_t PREEMPT_OFFSET = 0x1;
inline constexpr uint32_t SOFTIRQ_OFFSET = 0x100;
inline constexpr uint32_t SOFTIRQ_DISABLE_OFFSET = 0x200;
inline constexpr uint32_t SOFTIRQ_LOCK_OFFSET = SOFTIRQ_DISABLE_OFFSET + PREEMPT_OFFSET;
inline constexpr uint32_t HARDIRQ_OFFSET = 0x10000;
inline constexpr uint32_t NMI_OFFSET = 0x100000;
// x86 keeps TIF_NEED_RESCHED inverted in bit 31 of the per-CPU word, and preempt_count()
// masks it off (arch/x86/include/asm/preempt.h). kctx's word has no such bit: bit 31 is
// only ever reached by an underflow, and what module code and reports read is masked.
inline constexpr uint32_t PREEMPT_NEED_RESCHED = 0x80000000;
// With CONFIG_PREEMPT_COUNT (selected by PREEMPT_DYNAMIC, so in both profiles).
inline constexpr uint32_t PREEMPT_DISABLED = PREEMPT_OFFSET;
inline constexpr uint32_t FORK_PREEMPT_COUNT = 2 * PREEMPT_OFFSET;

[[nodiscard]] constexpr bool in_task(uint32_t pc) { return !(pc & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)); }
[[nodiscard]] constexpr bool in_hardirq(uint32_t pc) { return pc & HARDIRQ_MASK; }
[[nodiscard]] constexpr bool in_serving_softirq(uint32_t pc) { return pc & SOFTIRQ_OFFSET; }
[[nodiscard]] constexpr bool in_softirq(uint32_t pc) { return pc & SOFTIRQ_MASK; }
[[nodiscard]] constexpr bool in_interrupt(uint32_t pc) { return pc & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK); }

// Task states (include/linux/sched.h).
inline constexpr uint32_t TASK_RUNNING = 0x0;
inline constexpr uint32_t TASK_INTERRUPTIBLE = 0x1;
inline constexpr uint32_t TASK_UNINTERRUPTIBLE = 0x2;
inline constexpr uint32_t TASK_STOPPED = 0x4;
inline constexpr uint32_t TASK_DEAD = 0x80;
inline constexpr uint32_t TASK_WAKEKILL = 0x100;
inline constexpr uint32_t TASK_KILLABLE = TASK_WAKEKILL | TASK_UNINTERRUPTIBLE;
inline constexpr uint32_t TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;
inline constexpr uint32_t TASK_IDLE = 0x402;   // TASK_UNINTERRUPTIBLE | TASK_NOLOAD

// Softirq vectors (include/linux/interrupt.h) and their names (kernel/softirq.c).
enum Softirq : uint32_t { HI_SOFTIRQ, TIMER_SOFTIRQ, NET_TX_SOFTIRQ, NET_RX_SOFTIRQ, BLOCK_SOFTIRQ,
			  IRQ_POLL_SOFTIRQ, TASKLET_SOFTIRQ, SCHED_SOFTIRQ, HRTIMER_SOFTIRQ, RCU_SOFTIRQ,
			  NR_SOFTIRQS };

// Taint flags (kernel/panic.c taint_flags[]), bit numbers.
enum Taint : uint32_t { TAINT_PROPRIETARY_MODULE, TAINT_FORCED_MODULE, TAINT_CPU_OUT_OF_SPEC,
			TAINT_FORCED_RMMOD, TAINT_MACHINE_CHECK, TAINT_BAD_PAGE, TAINT_USER, TAINT_DIE,
			TAINT_OVERRIDDEN_ACPI_TABLE, TAINT_WARN, TAINT_CRAP, TAINT_FIRMWARE_WORKAROUND,
			TAINT_OOT_MODULE, TAINT_UNSIGNED_MODULE, TAINT_SOFTLOCKUP, TAINT_LIVEPATCH,
			TAINT_AUX, TAINT_RANDSTRUCT, TAINT_TEST, TAINT_FLAGS_COUNT };

}  // namespace kctx::abi
