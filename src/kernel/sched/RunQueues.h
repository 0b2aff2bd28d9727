// The run queues and the fair class's choices (kernel/sched/fair.c, and core.c's order
// of the classes): a component over the CPUs' struct rq and the tasks' sched_entity. It
// reads and writes nothing else, so the scheduler's policy is tested without a Kernel;
// the mechanism around it (enqueue with the task_struct mirror, context switch,
// wake-up, reschedule IPIs) is Kernel's, in Sched.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

class RunQueues {
public:
	RunQueues(std::vector<Cpu>& cpus, TaskTable& tasks) : m_cpus(cpus), m_tasks(tasks) {}

	// dequeue_task(): t leaves its CPU's queue (nothing if it is not on one).
	void dequeue(TaskId t);
	// update_curr(): the running task is charged its time since exec_start, and the
	// queue's min_vruntime follows the leftmost task.
	void update_curr(uint32_t cpu);
	// pick_next_task(): the stop class (migration/N), then the rt class's highest
	// priority, then CFS's leftmost; the CPU's idle task when nothing is runnable.
	[[nodiscard]] TaskId pick_next(uint32_t cpu) const;
	// select_task_rq_fair(): where a waking (or, with `fork`, a new) task goes.
	[[nodiscard]] uint32_t select_cpu(TaskId t, uint32_t from_cpu, bool fork) const;
	// check_preempt_tick(): whether the running task has had its share of the period.
	[[nodiscard]] bool tick_preempts(uint32_t cpu) const;
	// place_entity() for a sleeper waking onto `cpu`: at most half a latency of credit.
	void place_woken(TaskId t, uint32_t cpu);
	// check_preempt_curr() for a task just woken onto `cpu`: whether it preempts curr.
	[[nodiscard]] bool wakeup_preempts(TaskId t, uint32_t cpu) const;

private:
	// sysctl_sched_latency and friends scale with 1 + ilog2(ncpus)
	// (SCHED_TUNABLESCALING_LOG, at most 8 CPUs: kernel/sched/fair.c get_update_sysctl_factor()).
	[[nodiscard]] uint64_t tunable_factor() const;

	std::vector<Cpu>& m_cpus;
	// Reads go through ro(): a mutable access to a shared task clones it (base/CowVector.h).
	[[nodiscard]] const TaskTable& ro() const { return m_tasks; }
	TaskTable& m_tasks;
};

}  // namespace kctx::kernel
