// The scheduler's share of a task and of a CPU (kernel/sched/): a task's
// sched_entity and switch counts, a CPU's struct rq. Plain data, part of the Machine.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/core/TaskId.h"

namespace kctx::kernel {

// task_struct's scheduling fields: se (struct sched_entity), rt_priority, nvcsw/nivcsw,
// on_rq and thread_info's TIF_NEED_RESCHED.
struct TaskSched {
	bool on_rq = false;
	bool need_resched = false;      // TIF_NEED_RESCHED
	uint64_t vruntime = 0;          // se.vruntime
	uint64_t exec_start = 0;        // se.exec_start: when it last got the CPU (local clock)
	uint64_t slice_start_sum = 0;   // se.prev_sum_exec_runtime: sum_exec when it last got the CPU
	uint64_t sum_exec = 0;          // se.sum_exec_runtime
	uint64_t nvcsw = 0;             // voluntary context switches
	uint64_t nivcsw = 0;            // involuntary context switches
	bool stop_class = false;        // migration/N: the stop class, above every fair task
	bool bound = false;             // a per-CPU kthread: never moves to another CPU
	uint32_t rt_priority = 0;       // SCHED_FIFO's priority (1-99) above every fair task; 0: SCHED_NORMAL
	bool operator==(const TaskSched&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(on_rq, need_resched, vruntime, exec_start, slice_start_sum, sum_exec, nvcsw, nivcsw, stop_class, bound, rt_priority);
	}
};

// struct rq: a CPU's runnable CFS tasks and their clock of fairness.
struct CpuSched {
	std::vector<TaskId> rq;           // runnable CFS tasks, including curr when runnable
	uint64_t min_vruntime = 0;        // cfs_rq->min_vruntime
	uint64_t nr_switches = 0;
	uint64_t wakeup_at = ~0ull;       // a reschedule IPI to take at this time
	bool operator==(const CpuSched&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(rq, min_vruntime, nr_switches, wakeup_at); }
};

}   // namespace kctx::kernel
