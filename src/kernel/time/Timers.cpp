// The timer softirq's and the hrtimer interrupt's run loops: __run_timers() and
// call_timer_fn() (kernel/time/timer.c), __hrtimer_run_queues() (kernel/time/hrtimer.c).
#include <fmt/format.h>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

void Kernel::step_run_timers(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// __run_timers(): run every timer whose bucket is due, earliest first.
	if (!m.time.timers_due(cpu, jiffies(cpu))) {
		pop_frame(t, 0);
		return;
	}
	uint64_t best_addr = m.time.first_timer(cpu)->addr;
	m.time.timer_unqueue(best_addr);
	Timer& tm = m.time.timers[best_addr];
	tm.pending = false;
	if (tm.kind == TimerKind::ProcessTimeout) {
		wake_up_process(tm.task, cpu);   // process_timeout()
		return;
	}
	if (tm.kind == TimerKind::DelayedWork) {
		// delayed_work_timer_fn(): queue the work on its queue, from this CPU.
		uint64_t w = best_addr - abi::layout::delayed_work::timer;
		(void)queue_work_item(w, work_at(w).wq, cpu, cpu);
		return;
	}
	push_native(t, run::CallTimerFn{.timer = best_addr, .fn = tm.fn}, f.stack);
}

void trace_run_timers(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__run_timers+0x222/0x2c0");
	add("run_timer_softirq+0x19/0x30");
}

void Kernel::step_call_timer_fn(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::CallTimerFn>();
	using R = run::CallTimerFn::Resume;
	switch (r.resume) {
	case R::Call: {
		r.saved_count = c.preempt_count;
		r.resume = R::Returned;
		uint64_t timer = r.timer, fn = r.fn;
		if (m_hooks)
			m_hooks->timer_expire_entry(m, cpu, timer, fn);
		// lock_map_acquire(&lockdep_map): a copy of the timer's map on this stack.
		const Timer& tm = m.time.timers[timer];
		lockdep_acquire(cpu, t, m.tasks[t].stack_base + 0x3e40, tm.name.empty() ? "(&timer)" : tm.name,
				tm.key ? tm.key : timer, LockKind::Map, false, "call_timer_fn+0x7f/0x130", "");
		uint64_t arg = timer;
		if (m_config.spec().timer_arg == TimerCallbackArg::Data)
			(void)m.kmem.load(timer + abi::layout::timer_list::data, arg);   // fn(timer->data)
		push_vm_call(t, fn, std::vector<uint64_t>{arg}, f.stack);   // r is gone once the stack grows
		return;
	}
	case R::Returned: {
		uint32_t count = r.saved_count;
		uint64_t fn = r.fn;
		if (m_hooks)
			m_hooks->timer_expire_exit(m, cpu, r.timer);
		lockdep_release(cpu, t, m.tasks[t].stack_base + 0x3e40, "call_timer_fn+0xd8/0x130");
		pop_frame(t, 0);
		if (count == c.preempt_count)
			return;
		// WARN_ONCE(1, "timer: %pS preempt leak: %08x -> %08x\n", fn, count, preempt_count());
		// (4.4's %pF prints the same for a function's address.)
		// preempt_count_set(count);
		if (m.warned_once.insert("call_timer_fn:preempt_leak").second) {
			std::string msg = fmt::format("timer: {} preempt leak: {:08x} -> {:08x}\n", symbolize(fn),
						      count & ~abi::PREEMPT_NEED_RESCHED, preempt_count(cpu));
			warn(cpu, "kernel/time/timer.c", m_config.spec().timer_leak_line, "call_timer_fn+0x120/0x130", msg, {});
		}
		c.preempt_count = count;
		return;
	}
	}
	KCTX_UNREACHABLE();
}

void trace_call_timer_fn(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("call_timer_fn+0x27/0x130");
}

void Kernel::step_run_hrtimer(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::RunHrtimer>();
	using R = run::RunHrtimer::Resume;
	if (r.resume == R::Returned) {
		auto it = m.time.hrtimers.find(r.timer);
		// HRTIMER_RESTART re-queues at the (forwarded) expiry.
		if (it != m.time.hrtimers.end() && f.ret == 1 && !it->second.pending) {
			it->second.pending = true;
			m.time.hrtimer_enqueue(r.timer);
		}
		r.resume = R::Next;
		return;
	}
	// The earliest expired module hrtimer (the queue is in expiry, then arming, order).
	const Hrtimer* best = nullptr;
	uint64_t best_addr = 0;
	for (uint64_t addr : m.time.due_hrtimers(cpu, c.now)) {
		const Hrtimer& h = m.time.hrtimers.at(addr);
		if (h.kind == HrtimerKind::Module) {
			best = &h;
			best_addr = addr;
			break;
		}
	}
	if (!best) {
		pop_frame(t, 0);
		return;
	}
	uint64_t fn = best->fn;
	m.time.hrtimer_unqueue(best_addr);
	m.time.hrtimers[best_addr].pending = false;
	r.timer = best_addr;
	r.resume = R::Returned;
	push_vm_call(t, fn, std::vector<uint64_t>{best_addr}, f.stack);
}

void trace_run_hrtimer(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__hrtimer_run_queues+0x112/0x2a0");
}

}  // namespace kctx::kernel
