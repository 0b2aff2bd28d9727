// Pids and task slots. A pid (task/PidState.h) is free again when its task is reaped
// (release_task -> free_pid). A task's
// slot in Machine::tasks (its TaskId, task_struct and kernel stack) is freed when the
// last reference goes, as put_task_struct() frees a task_struct: reaped, dead and
// switched out (finish_task_switch), and no kthread_stop() holding it. Freed slots are
// reused, so the machine's size follows the tasks alive, not the tasks ever made.
#include <algorithm>

#include "abi/Errno.h"
#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

void Kernel::release_pid(Task& task)
{
	task.reaped = true;
	if (task.pid > 0)
		m.pid.free(task.pid);
}

int64_t Kernel::fork_limits_check() const
{
	// kernel/fork.c copy_process(): "if (data_race(nr_threads >= max_threads))" fails
	// with -EAGAIN, and so does alloc_pid() when idr_alloc_cyclic() finds no free pid
	// (-ENOSPC turned into -EAGAIN) — which can happen while pids below RESERVED_PIDS are
	// free. alloc_pid() itself runs in create_task().
	if (m.pid.nr_threads() >= m_config.threads_max)
		return -abi::kEAGAIN;
	if (!m.pid.peek(static_cast<int32_t>(m_config.pid_max)))
		return -abi::kEAGAIN;
	return 0;
}

void Kernel::put_task_struct(TaskId t)
{
	Task& task = m.tasks[t];
	if (task.unused || !task.reaped || task.state != abi::TASK_DEAD || task.usage)
		return;
	for (const Cpu& c : m.cpus)
		if (c.curr == t)
			return;   // finish_task_switch() drops the last reference once it is off the CPU
	// The timers that lived in its task_struct and on its stack go with them.
	auto drop_timers = [&](uint64_t from, uint64_t size) {
		for (auto it = m.time.timers.lower_bound(from); it != m.time.timers.end() && it->first < from + size;) {
			m.time.timer_unqueue(it->first);
			it = m.time.timers.erase(it);
		}
		for (auto it = m.time.hrtimers.lower_bound(from); it != m.time.hrtimers.end() && it->first < from + size;) {
			m.time.hrtimer_unqueue(it->first);
			it = m.time.hrtimers.erase(it);
		}
	};
	drop_timers(task.task_struct_addr, addr::kTaskStructStride);
	drop_timers(task.stack_base, addr::kStackStride);
	// Its task_struct and stack stay mapped with what they held (freed memory keeps its
	// bytes until reused: a module's stale pointer still reads the old comm and pid).
	Task freed;
	freed.unused = true;
	freed.exited = true;
	freed.reaped = true;
	freed.kthread = true;
	freed.state = abi::TASK_DEAD;
	freed.ppid = -1;
	task = std::move(freed);
	m.free_tasks.push_back(t);
}

std::optional<TaskId> Kernel::task_by_struct(uint64_t address) const
{
	if (address < addr::kTaskStructs || (address - addr::kTaskStructs) % addr::kTaskStructStride)
		return std::nullopt;
	uint64_t tid = (address - addr::kTaskStructs) / addr::kTaskStructStride;
	if (tid >= m.tasks.size() || m.tasks[tid].unused)
		return std::nullopt;
	return static_cast<TaskId>(tid);
}

}  // namespace kctx::kernel
