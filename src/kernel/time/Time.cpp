// Timers and sleeping: the timer wheel's rounding (kernel/time/timer.c), hrtimers
// (kernel/time/hrtimer.c), schedule_timeout() and msleep() (kernel/time/timer.c),
// nanosleep (do_nanosleep in kernel/time/hrtimer.c).
#include <algorithm>

#include "abi/Errno.h"
#include "abi/KernelData.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"

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

void Kernel::mod_timer(uint64_t addr, TimerKind kind, uint64_t fn, uint32_t flags, uint64_t expires, uint32_t cpu, TaskId task)
{
	m.time.timer_unqueue(addr);
	Timer& t = m.time.timers[addr];   // keeps its name and key from timer_setup()
	t.kind = kind;
	t.fn = fn;
	t.flags = flags;
	t.expires = expires;
	t.bucket = wheel_bucket(expires, jiffies(cpu));
	t.cpu = cpu;
	t.pending = true;
	t.task = task;
	t.seq = m.time.timer_seq++;
	m.time.timer_enqueue(addr);
}

bool Kernel::del_timer(uint64_t addr)
{
	auto it = m.time.timers.find(addr);
	if (it == m.time.timers.end() || !it->second.pending)
		return false;
	m.time.timer_unqueue(addr);
	it->second.pending = false;
	return true;
}

bool Kernel::timers_due(uint32_t cpu) const
{
	std::optional<TimerQueueKey> first = m.time.first_timer(cpu);
	return first && static_cast<int64_t>(jiffies(cpu) - first->when) >= 0;
}

uint64_t Kernel::next_timer_ns(uint32_t cpu) const
{
	// The tick at which this CPU's earliest timer runs (a stopped tick restarts for it).
	std::optional<TimerQueueKey> first = m.time.first_timer(cpu);
	if (!first)
		return ~0ull;
	uint64_t tick = m_config.tick_ns();
	uint64_t initial = jiffies_at(0);
	const Cpu& c = m.cpus[cpu];
	uint64_t at = first->when > initial ? (first->when - initial) * tick : 0;
	// align to this CPU's tick phase
	uint64_t phase = c.tick.next % tick;
	uint64_t aligned = at - at % tick + phase;
	if (aligned < at)
		aligned += tick;
	return std::max(aligned, c.now);
}

void Kernel::hrtimer_start(uint64_t addr, HrtimerKind kind, uint64_t fn, uint64_t expires_ns, uint32_t mode, uint32_t cpu, TaskId task)
{
	m.time.hrtimer_unqueue(addr);
	Hrtimer& h = m.time.hrtimers[addr];
	h.kind = kind;
	h.fn = fn;
	h.mode = mode;
	h.expires = expires_ns;
	h.cpu = cpu;
	h.pending = true;
	h.task = task;
	h.seq = m.time.timer_seq++;
	m.time.hrtimer_enqueue(addr);
}

bool Kernel::hrtimer_cancel(uint64_t addr)
{
	auto it = m.time.hrtimers.find(addr);
	if (it == m.time.hrtimers.end() || !it->second.pending)
		return false;
	m.time.hrtimer_unqueue(addr);
	it->second.pending = false;
	return true;
}

uint64_t Kernel::next_hrtimer_ns(uint32_t cpu) const
{
	auto it = m.time.hrtimer_queue.lower_bound(TimerQueueKey{cpu, 0, 0, 0});
	return it != m.time.hrtimer_queue.end() && it->cpu == cpu ? it->when : ~0ull;
}

void Kernel::step_schedule_timeout(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The timer is on the task's stack (timer_setup_on_stack), so its key is an address
	// in that stack.
	constexpr int64_t kMaxTimeout = 0x7fffffffffffffffll;
	auto& r = f.as<run::ScheduleTimeout>();
	uint64_t key = m.tasks[t].stack_base + 0x200;
	using R = run::ScheduleTimeout::Resume;
	switch (r.resume) {
	case R::Start:
		if (r.timeout == kMaxTimeout) {
			r.resume = R::Forever;
			push_schedule(t);
			return;
		}
		r.expire = jiffies(cpu) + static_cast<uint64_t>(r.timeout);
		mod_timer(key, TimerKind::ProcessTimeout, 0, 0, r.expire, cpu, t);
		r.resume = R::Woken;
		push_schedule(t);
		return;
	case R::Woken: {
		del_timer(key);
		int64_t left = static_cast<int64_t>(r.expire - jiffies(cpu));
		pop_frame(t, left < 0 ? 0 : left);
		return;
	}
	case R::Forever: pop_frame(t, kMaxTimeout); return;
	}
	KCTX_UNREACHABLE();
}

void Kernel::push_schedule_timeout(TaskId t, int64_t timeout)
{
	push_native(t, run::ScheduleTimeout{.timeout = timeout}, current_stack_kind(t));
}

void trace_schedule_timeout(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("schedule_timeout+0x9b/0x150");
}

void Kernel::step_msleep(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// msleep(): timeout = msecs_to_jiffies(msecs) + 1;
	//           while (timeout) timeout = schedule_timeout_uninterruptible(timeout);
	// msleep_interruptible() returns the ms left when a signal ends it early.
	auto& r = f.as<run::Msleep>();
	bool interruptible = r.mode == SleepMode::Interruptible;
	if (r.resume == run::Msleep::Resume::Slept) {
		r.jiffies_left = static_cast<uint64_t>(f.ret);
		if (interruptible && signal_pending(t)) {
			pop_frame(t, static_cast<int64_t>(r.jiffies_left * 1000 / m_config.hz));
			return;
		}
	}
	if (r.jiffies_left == 0) {
		pop_frame(t, 0);
		return;
	}
	set_task_state(t, interruptible ? abi::TASK_INTERRUPTIBLE : abi::TASK_UNINTERRUPTIBLE);
	r.resume = run::Msleep::Resume::Slept;
	push_schedule_timeout(t, static_cast<int64_t>(r.jiffies_left));   // r is gone once the stack grows
	(void)cpu;
}

void trace_msleep(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("msleep+0x2d/0x40");
}

void Kernel::step_nanosleep(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Nanosleep>();
	bool interruptible = r.mode == SleepMode::Interruptible;
	uint64_t key = m.tasks[t].stack_base + 0x300;
	Cpu& c = m.cpus[cpu];
	if (r.resume == run::Nanosleep::Resume::Start)
		hrtimer_start(key, HrtimerKind::Sleeper, 0, r.expires_ns, 0, cpu, t);
	if (c.now >= r.expires_ns) {
		hrtimer_cancel(key);
		pop_frame(t, 0);
		return;
	}
	if (r.resume == run::Nanosleep::Resume::Sleeping && interruptible && signal_pending(t)) {
		hrtimer_cancel(key);
		pop_frame(t, -abi::kERESTART_RESTARTBLOCK);
		return;
	}
	set_task_state(t, interruptible ? abi::TASK_INTERRUPTIBLE : abi::TASK_UNINTERRUPTIBLE);
	r.resume = run::Nanosleep::Resume::Sleeping;
	push_schedule(t);
}

void trace_nanosleep(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("do_nanosleep+0x87/0x180");
	add("hrtimer_nanosleep+0xc0/0x1b0");
	add("__x64_sys_clock_nanosleep+0xd3/0x140");
}

void Kernel::update_jiffies(uint32_t cpu)
{
	// jiffies_64 in the kernel's .data, as module code reads it: kctx derives jiffies from
	// the running CPU's clock (each CPU's view of the one tick count), and writes it only
	// when it changed, so an unchanged page stays shared with a snapshot's.
	uint64_t j = jiffies(cpu), stored = 0;
	if (m.kmem.load(abi::kJiffiesAddress, stored) && stored == j)
		return;
	(void)m.kmem.store(abi::kJiffiesAddress, j);
}

}  // namespace kctx::kernel
