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
		m.time.mod_timer(key, TimerKind::ProcessTimeout, 0, 0, r.expire, jiffies(cpu), cpu, t);
		r.resume = R::Woken;
		push_schedule(t);
		return;
	case R::Woken: {
		m.time.del_timer(key);
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
		m.time.hrtimer_start(key, HrtimerKind::Sleeper, 0, r.expires_ns, 0, cpu, t);
	if (c.now >= r.expires_ns) {
		m.time.hrtimer_cancel(key);
		pop_frame(t, 0);
		return;
	}
	if (r.resume == run::Nanosleep::Resume::Sleeping && interruptible && signal_pending(t)) {
		m.time.hrtimer_cancel(key);
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
