// The wait primitive (kernel/sched/wait.c, include/linux/wait.h): wait queues, keyed by
// the address of the wait_queue_head (or the mutex, semaphore or completion that holds
// one), as lists of waiters; signal_pending_state() (include/linux/sched/signal.h); and
// what a sleep ends with. The parts that need the whole kernel (prepare_to_wait(),
// finish_wait(), sleeping and waking) are Kernel members in sched/Wait.cpp; mutexes,
// semaphores, completions, wait_event(), pipes and wait4() all sleep through them.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "abi/Preempt.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel {

// Every wait queue of the machine (Machine::waiters).
using WaitQueues = std::map<uint64_t, std::vector<Waiter>>;

// How a waiter queues (prepare_to_wait() vs prepare_to_wait_exclusive()): a shared one
// at the head, woken by every wake-up; an exclusive one (WQ_FLAG_EXCLUSIVE) at the tail,
// where a wake-up stops after waking nr_exclusive of them.
enum class WaitMode : uint8_t { Shared, Exclusive };

// Why a task that slept on a wait queue, its condition still false, runs again.
enum class WaitResult : uint8_t {
	Woken,         // a wake-up (or a spurious one): check the condition, sleep again
	Interrupted,   // signal_pending_state() for its sleep state: give up (-EINTR, -ERESTARTSYS)
	TimedOut,      // its deadline jiffy has come: give up (-ETIME, 0)
};

// Queues `t` on `key` (once: a task already there stays where it is).
void add_waiter(WaitQueues& queues, uint64_t key, TaskId t, WaitMode mode);
// Takes `t` off `key`, if it is there; an empty queue goes.
void remove_waiter(WaitQueues& queues, uint64_t key, TaskId t);
// `t`'s entry on `key`, or null. Valid until the queues change.
[[nodiscard]] Waiter* find_waiter(WaitQueues& queues, uint64_t key, TaskId t);

// __wake_up_common() with autoremove_wake_function(): tries the waiters of `key` in queue
// order; try_wake(task) is try_to_wake_up(), false when the task is not in a state this
// wake-up wakes (it stays queued). A woken waiter leaves the queue; the walk stops once
// nr_exclusive exclusive waiters are woken (0: wakes all). A persistent waiter
// (Waiter::persists) is woken but stays queued.
template <typename TryWake>
void wake_up_queue(WaitQueues& queues, uint64_t key, int nr_exclusive, TryWake&& try_wake)
{
	auto it = queues.find(key);
	if (it == queues.end())
		return;
	std::vector<Waiter>& list = it->second;
	for (size_t i = 0; i < list.size();) {
		Waiter w = list[i];
		if (!try_wake(w.task)) {
			i++;
			continue;
		}
		// default_wake_function() leaves the entry queued (add_wait_queue()'s waiter
		// removes it itself); autoremove_wake_function() takes it off.
		if (w.persists)
			i++;
		else
			list.erase(list.begin() + static_cast<long>(i));
		if (w.exclusive && nr_exclusive > 0 && --nr_exclusive == 0)
			break;
	}
	if (list.empty())
		queues.erase(it);
}

// signal_pending_state() (include/linux/sched/signal.h): whether a sleep in `state` ends
// for the signals pending: any unblocked signal ends an interruptible sleep, only a fatal
// one (SIGKILL) a killable one (TASK_WAKEKILL), none an uninterruptible one.
[[nodiscard]] constexpr bool signal_pending_state(uint32_t state, bool signal_pending, bool fatal_signal_pending)
{
	if (!(state & (abi::TASK_INTERRUPTIBLE | abi::TASK_WAKEKILL)))
		return false;
	if (!signal_pending)
		return false;
	return (state & abi::TASK_INTERRUPTIBLE) || fatal_signal_pending;
}

}  // namespace kctx::kernel
