// The scheduler's natives: the idle loop, schedule(), wait_for_completion().
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// A sleep's deadline (a jiffy) when it has none: it ends only when woken or interrupted.
inline constexpr uint64_t kNoDeadline = ~0ull;

// What a completion wait returns when it completes: wait_for_completion_timeout() the
// jiffies left (at least 1), the others 0.
enum class CompletionReturn : uint8_t { Zero, JiffiesLeft };

namespace run {

// do_idle() (kernel/sched/idle.c): the idle task's loop; no locals, each step halts the
// CPU or schedules.
struct Idle {
	bool operator==(const Idle&) const = default;
	void serialize(auto&) {}
};

// schedule() -> __schedule() (kernel/sched/core.c): pick the next task and switch to it;
// the task resumes here when it is switched back in.
struct Schedule {
	enum class Resume : uint8_t {
		Pick,       // preempt_disable(), schedule_debug(), dequeue a sleeper, switch
		Switched,   // running again (or never left): finish_task_switch(), again while need_resched
	};
	// __schedule()'s sched_mode (kernel/sched/core.c SM_NONE, SM_PREEMPT).
	enum class Mode : uint8_t { None, Preempt };
	Resume resume = Resume::Pick;
	Mode mode = Mode::None;   // Preempt (preempt_schedule_irq()): the task stays runnable whatever its state
	bool operator==(const Schedule&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, mode); }
};

// wait_for_common() (kernel/sched/completion.c): sleep on the completion's wait queue
// until complete() counts it done, a signal comes (interruptible, killable) or the
// timeout's jiffy passes.
struct Completion {
	enum class Resume : uint8_t {
		Start,      // done already, or queue and sleep
		Slept,      // back from schedule()/schedule_timeout(): done, interrupted, timed out or again
	};
	Resume resume = Resume::Start;
	uint64_t completion = 0;            // the struct completion's address
	uint32_t sleep_state = 0;           // TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE
	uint64_t deadline = kNoDeadline;    // the jiffy wait_for_completion_timeout() gives up at
	CompletionReturn returns = CompletionReturn::Zero;
	bool operator==(const Completion&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, completion, sleep_state, deadline, returns); }
};

}  // namespace run
}  // namespace kctx::kernel
