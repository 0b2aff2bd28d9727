// The scheduler's natives: the idle loop, schedule(), wait_for_completion().
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

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
	// __schedule()'s sched_mode (kernel/sched/core.c SM_NONE, SM_PREEMPT).
	enum class Mode : uint8_t { None, Preempt };
	Resume resume = Resume::Pick;
	Mode mode = Mode::None;   // Preempt (preempt_schedule_irq()): the task stays runnable whatever its state
	bool operator==(const Schedule&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, mode); }
};

struct Completion {
	bool operator==(const Completion&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
