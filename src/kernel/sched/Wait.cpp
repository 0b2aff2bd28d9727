// The wait primitive (sched/Wait.h): wait queues (kernel/sched/wait.c), the sleep on one
// that mutexes, semaphores, completions, wait_event(), pipes and wait4() share, and
// wake-ups.
#include "kernel/sched/Wait.h"

#include <algorithm>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

void add_waiter(WaitQueues& queues, uint64_t key, TaskId t, WaitMode mode)
{
	std::vector<Waiter>& list = queues[key];
	if (std::any_of(list.begin(), list.end(), [&](const Waiter& w) { return w.task == t; }))
		return;
	// Exclusive waiters queue at the tail, others at the head (prepare_to_wait_event()).
	if (mode == WaitMode::Exclusive)
		list.push_back(Waiter{t, true, false});
	else
		list.insert(list.begin(), Waiter{t, false, false});
}

void remove_waiter(WaitQueues& queues, uint64_t key, TaskId t)
{
	auto it = queues.find(key);
	if (it == queues.end())
		return;
	std::erase_if(it->second, [&](const Waiter& w) { return w.task == t; });
	if (it->second.empty())
		queues.erase(it);
}

Waiter* find_waiter(WaitQueues& queues, uint64_t key, TaskId t)
{
	auto it = queues.find(key);
	if (it == queues.end())
		return nullptr;
	for (Waiter& w : it->second)
		if (w.task == t)
			return &w;
	return nullptr;
}

void Kernel::set_task_state(TaskId t, uint32_t state)
{
	// set_current_state(): the task's state, and the task_struct that module code reads
	// (include/linux/sched.h __state). Every change of Task::state goes through here.
	m.tasks[t].state = state;
	sync_task_struct(t);
}

bool Kernel::signal_pending_state(uint32_t state, TaskId t) const
{
	return kernel::signal_pending_state(state, signal_pending(t), fatal_signal_pending(t));
}

void Kernel::prepare_to_wait(TaskId t, uint64_t key, WaitMode mode, uint32_t state)
{
	add_waiter(m.waiters, key, t, mode);
	set_task_state(t, state);
}

void Kernel::finish_wait(uint64_t key, TaskId t)
{
	// finish_wait(): running again, and off the queue (a task woken by a signal or a
	// timeout, or one that never slept, is still on it).
	set_task_state(t, abi::TASK_RUNNING);
	remove_waiter(m.waiters, key, t);
}

void Kernel::schedule_until(uint32_t cpu, TaskId t, uint64_t deadline)
{
	if (deadline == kNoDeadline) {
		push_schedule(t);
		return;
	}
	push_schedule_timeout(t, static_cast<int64_t>(deadline - jiffies(cpu)));
}

void Kernel::wait_sleep(uint32_t cpu, TaskId t, uint64_t key, WaitMode mode, uint32_t state, uint64_t deadline)
{
	prepare_to_wait(t, key, mode, state);
	schedule_until(cpu, t, deadline);
}

WaitResult Kernel::wait_result(uint32_t cpu, TaskId t, uint32_t state, uint64_t deadline) const
{
	if (signal_pending_state(state, t))
		return WaitResult::Interrupted;
	if (deadline != kNoDeadline && static_cast<int64_t>(jiffies(cpu) - deadline) >= 0)
		return WaitResult::TimedOut;
	return WaitResult::Woken;
}

void Kernel::wake_waiters(uint64_t key, uint32_t state_mask, int nr_exclusive, uint32_t cpu)
{
	// A task that polls this queue while awake is not woken but marked (pollwake(),
	// fs/Poll.cpp), so its next sleep does not miss this wake-up.
	wake_up_queue(m.waiters, key, nr_exclusive,
		      [&](TaskId w) { return wake_up_process(w, cpu, state_mask) || poll_wake_missed(w, key); });
}

// The builtins of wait queues: wait_event()'s prepare and finish, and the wake_up()s.
using abi::BuiltinId;

bool Kernel::waitqueue_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	switch (call.id) {
	case BuiltinId::__kctx_init_waitqueue_head:
		finish_builtin(t, 0);
		return true;
	case BuiltinId::__kctx_prepare_to_wait_event: {
		// prepare_to_wait_event(): -ERESTARTSYS if a signal is pending for this sleep,
		// else queue and set the task state.
		uint32_t state = static_cast<uint32_t>(arg(1));
		if (signal_pending_state(state, t)) {
			remove_waiter(m.waiters, arg(0), t);
			finish_builtin(t, static_cast<uint64_t>(-int64_t{abi::kERESTARTSYS}));
			return true;
		}
		prepare_to_wait(t, arg(0), arg(2) != 0 ? WaitMode::Exclusive : WaitMode::Shared, state);
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::__kctx_finish_wait:
		finish_wait(arg(0), t);
		finish_builtin(t, 0);
		return true;
	case BuiltinId::wake_up:
		finish_builtin(t, 0);
		wake_waiters(arg(0), abi::TASK_NORMAL, 1, cpu);
		return true;
	case BuiltinId::wake_up_interruptible:
		finish_builtin(t, 0);
		wake_waiters(arg(0), abi::TASK_INTERRUPTIBLE, 1, cpu);
		return true;
	case BuiltinId::wake_up_all:
		finish_builtin(t, 0);
		wake_waiters(arg(0), abi::TASK_NORMAL, 0, cpu);
		return true;
	case BuiltinId::wake_up_interruptible_all:
		finish_builtin(t, 0);
		wake_waiters(arg(0), abi::TASK_INTERRUPTIBLE, 0, cpu);
		return true;
	default: return false;
	}
}

}  // namespace kctx::kernel
