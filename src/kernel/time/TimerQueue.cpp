// The per-CPU queues of pending timers (TimeState::timer_queue, hrtimer_queue): what the
// timer wheel's buckets (kernel/time/timer.c) and the hrtimer bases' rbtrees
// (kernel/time/hrtimer.c enqueue_hrtimer, lib/timerqueue.c) give Linux, the next timer
// of a CPU in O(log n). A timer's `pending` flag stays the truth; every change of a
// pending timer's cpu, expiry or sequence goes through unqueue → change → enqueue.
#include "kernel/time/TimerState.h"

namespace kctx::kernel {

namespace {
TimerQueueKey timer_key(uint64_t addr, const Timer& t) { return {t.cpu, t.bucket, t.seq, addr}; }
TimerQueueKey hrtimer_key(uint64_t addr, const Hrtimer& h) { return {h.cpu, h.expires, h.seq, addr}; }
}  // namespace

void TimeState::timer_unqueue(uint64_t addr)
{
	auto it = timers.find(addr);
	if (it != timers.end() && it->second.pending)
		timer_queue.erase(timer_key(addr, it->second));
}

void TimeState::timer_enqueue(uint64_t addr)
{
	auto it = timers.find(addr);
	if (it != timers.end() && it->second.pending)
		timer_queue.insert(timer_key(addr, it->second));
}

void TimeState::hrtimer_unqueue(uint64_t addr)
{
	auto it = hrtimers.find(addr);
	if (it != hrtimers.end() && it->second.pending)
		hrtimer_queue.erase(hrtimer_key(addr, it->second));
}

void TimeState::hrtimer_enqueue(uint64_t addr)
{
	auto it = hrtimers.find(addr);
	if (it != hrtimers.end() && it->second.pending)
		hrtimer_queue.insert(hrtimer_key(addr, it->second));
}

std::optional<TimerQueueKey> TimeState::first_timer(uint32_t cpu) const
{
	auto it = timer_queue.lower_bound(TimerQueueKey{cpu, 0, 0, 0});
	if (it == timer_queue.end() || it->cpu != cpu)
		return std::nullopt;
	return *it;
}

std::vector<uint64_t> TimeState::due_hrtimers(uint32_t cpu, uint64_t now) const
{
	std::vector<uint64_t> due;
	for (auto it = hrtimer_queue.lower_bound(TimerQueueKey{cpu, 0, 0, 0});
	     it != hrtimer_queue.end() && it->cpu == cpu && it->when <= now; ++it)
		due.push_back(it->addr);
	return due;
}

}  // namespace kctx::kernel
