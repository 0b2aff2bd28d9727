// The scheduler's natives: the idle loop, schedule(), wait_for_completion().
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// __schedule()'s sched_mode (kernel/sched/core.c SM_NONE, SM_PREEMPT).
enum class SchedMode : uint8_t {
	None,      // schedule(): a task that is not TASK_RUNNING leaves the run queue
	Preempt,   // preempt_schedule_irq() and the like: the task stays runnable whatever its state
};

}  // namespace kctx::kernel

namespace kctx::kernel::run {

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
	Resume resume = Resume::Pick;
	SchedMode mode = SchedMode::None;
	bool operator==(const Schedule&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, mode); }
};

struct Completion {
	bool operator==(const Completion&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
