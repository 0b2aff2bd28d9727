// The timer API on TimeState: mod_timer()/del_timer() on the timer wheel
// (kernel/time/timer.c) and hrtimer_start()/hrtimer_cancel() (kernel/time/hrtimer.c).
// They need the timers alone, so they are TimeState's and tested without a Kernel.
#include <optional>

#include "kernel/time/TimerState.h"

namespace kctx::kernel {

namespace {
// kernel/time/timer.c: LVL_CLK_SHIFT 3, LVL_BITS 6, LVL_DEPTH 9 (HZ > 100).
constexpr uint64_t kLvlClkShift = 3;
constexpr uint64_t kLvlSize = 64;
constexpr uint32_t kLvlDepth = 9;
uint64_t lvl_start(uint32_t n) { return (kLvlSize - 1) << ((n - 1) * kLvlClkShift); }

// calc_wheel_index() + calc_index(): the jiffy at which the wheel really runs a timer
// that asks for `expires`. Rounded up by the level's granularity so it never fires
// early: a one-second timer at HZ=250 runs 1 to 8 jiffies late.
uint64_t wheel_bucket(uint64_t expires, uint64_t clk)
{
	int64_t delta = static_cast<int64_t>(expires - clk);
	if (delta < 0)
		return clk;
	for (uint32_t lvl = 0; lvl < kLvlDepth; lvl++) {
		if (lvl + 1 < kLvlDepth && static_cast<uint64_t>(delta) >= lvl_start(lvl + 1))
			continue;
		uint64_t shift = lvl * kLvlClkShift;
		return ((expires >> shift) + 1) << shift;
	}
	return expires;
}
}  // namespace

void TimeState::mod_timer(uint64_t addr, TimerKind kind, uint64_t fn, uint32_t flags, uint64_t expires, uint64_t clk,
			  uint32_t cpu, TaskId task)
{
	timer_unqueue(addr);
	Timer& t = timers[addr];   // keeps its name and key from timer_setup()
	t.kind = kind;
	t.fn = fn;
	t.flags = flags;
	t.expires = expires;
	t.bucket = wheel_bucket(expires, clk);
	t.cpu = cpu;
	t.pending = true;
	t.task = task;
	t.seq = timer_seq++;
	timer_enqueue(addr);
}

bool TimeState::del_timer(uint64_t addr)
{
	auto it = timers.find(addr);
	if (it == timers.end() || !it->second.pending)
		return false;
	timer_unqueue(addr);
	it->second.pending = false;
	return true;
}

bool TimeState::timers_due(uint32_t cpu, uint64_t clk) const
{
	std::optional<TimerQueueKey> first = first_timer(cpu);
	return first && static_cast<int64_t>(clk - first->when) >= 0;
}

void TimeState::hrtimer_start(uint64_t addr, HrtimerKind kind, uint64_t fn, uint64_t expires_ns, uint32_t mode,
			      uint32_t cpu, TaskId task)
{
	hrtimer_unqueue(addr);
	Hrtimer& h = hrtimers[addr];
	h.kind = kind;
	h.fn = fn;
	h.mode = mode;
	h.expires = expires_ns;
	h.cpu = cpu;
	h.pending = true;
	h.task = task;
	h.seq = timer_seq++;
	hrtimer_enqueue(addr);
}

bool TimeState::hrtimer_cancel(uint64_t addr)
{
	auto it = hrtimers.find(addr);
	if (it == hrtimers.end() || !it->second.pending)
		return false;
	hrtimer_unqueue(addr);
	it->second.pending = false;
	return true;
}

uint64_t TimeState::next_hrtimer_ns(uint32_t cpu) const
{
	auto it = hrtimer_queue.lower_bound(TimerQueueKey{cpu, 0, 0, 0});
	return it != hrtimer_queue.end() && it->cpu == cpu ? it->when : ~0ull;
}
}  // namespace kctx::kernel
