// Interrupts: the local APIC timer (the tick and hrtimers), reschedule IPIs, irq exit and
// softirqs (kernel/softirq.c), timer_list expiry (kernel/time/timer.c __run_timers,
// call_timer_fn).
#include <fmt/format.h>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
constexpr uint32_t kVectorTimer = 0;
constexpr uint32_t kVectorReschedule = 1;
constexpr uint32_t kMaxSoftirqRestart = 10;   // kernel/softirq.c MAX_SOFTIRQ_RESTART
}  // namespace

void Kernel::deliver_interrupt(uint32_t cpu)
{
	Cpu& c = m.cpus[cpu];
	TaskId t = c.curr;
	bool from_user = m.tasks[t].in_user_mode();
	bool timer = (!c.tick_stopped && c.now >= c.next_tick) || next_hrtimer_ns(cpu) <= c.now ||
		     (c.tick_stopped && next_timer_ns(cpu) <= c.now);
	uint32_t vector = timer ? kVectorTimer : kVectorReschedule;
	if (vector == kVectorReschedule)
		c.wakeup_at = ~0ull;
	// call_on_irqstack_cond(): from user mode, or when already on the irq stack, the
	// handler runs on the current stack; else it switches to the per-CPU irq stack.
	StackKind stack = StackKind::Task;
	bool switched = false;
	if (!from_user && !c.hardirq_stack_inuse) {
		stack = StackKind::Irq;
		switched = true;
		c.hardirq_stack_inuse = true;
	}
	// The CPU clears EFLAGS.IF as it takes the interrupt.
	set_irqs(cpu, t, false, "asm_sysvec_apic_timer_interrupt+0x0/0x20");
	NativeFrame& f = push_native(t, NativeFn::Interrupt, stack);
	f.op = vector;
	f.a[1] = from_user;
	f.a[2] = switched;
}

void Kernel::step_interrupt(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	switch (f.state) {
	case 0: {
		// irq_enter_rcu(): HARDIRQ_OFFSET; the CPU took the interrupt with IF cleared.
		charge(cpu, m_config.costs.irq_ns);
		c.irqs++;
		c.irqs_enabled = false;
		c.preempt_count += abi::HARDIRQ_OFFSET;
		m.tasks[t].lockdep_hardirq_context++;   // lockdep_hardirq_enter()
		f.state = 1;
		if (m_hooks)
			m_hooks->irq_entry(m, cpu, f.op);
		if (f.op != kVectorTimer)
			return;
		// hrtimer_interrupt(): tick_sched_timer -> update_process_times().
		uint64_t tick = m_config.tick_ns();
		if (c.tick_stopped && next_timer_ns(cpu) <= c.now)
			c.tick_stopped = false;
		if (!c.tick_stopped && c.now >= c.next_tick) {
			c.next_tick += (c.now - c.next_tick) / tick * tick + tick;
			scheduler_tick(cpu);
			// run_local_timers(): raise TIMER_SOFTIRQ when a timer is due.
			if (timers_due(cpu))
				raise_softirq(cpu, abi::TIMER_SOFTIRQ);
			// khungtaskd's scan, every timeout (kctx runs it from CPU 0's tick).
			if (cpu == 0 && c.now >= m.next_hung_check) {
				m.next_hung_check = c.now + 120'000'000'000ull;
				check_hung_tasks(cpu);
			}
		}
		bool module_due = false;
		for (auto& [addr, h] : m.hrtimers) {
			if (!h.pending || h.cpu != cpu || h.expires > c.now)
				continue;
			if (h.kind == HrtimerKind::Sleeper) {
				// hrtimer_wakeup()
				h.pending = false;
				wake_up_process(h.task, cpu);
			} else if (h.kind == HrtimerKind::Watchdog) {
				h.expires += 4'000'000'000ull;   // hrtimer_forward_now(sample_period)
				watchdog_timer_fn(cpu);
			} else if (h.kind == HrtimerKind::Alarm) {
				// it_real_fn(): SIGALRM to the process
				h.pending = false;
				send_signal(h.task, abi::kSIGALRM);
			} else {
				module_due = true;
			}
		}
		if (module_due) {
			f.state = 5;   // __hrtimer_run_queues() runs the callbacks, still in hardirq
			push_native(t, NativeFn::RunHrtimer, f.stack);
		}
		return;
	}
	case 5: f.state = 1; return;
	case 1:
		// __irq_exit_rcu(): leave hardirq, then run softirqs if none is being served.
		if (m_hooks)
			m_hooks->irq_exit(m, cpu, f.op);
		preempt_count_dec(cpu, abi::HARDIRQ_OFFSET, "__irq_exit_rcu+0x4a/0xe0");
		m.tasks[t].lockdep_hardirq_context--;   // lockdep_hardirq_exit()
		f.state = 3;
		if (!abi::in_interrupt(c.preempt_count) && c.softirq_pending) {
			f.state = 2;
			push_native(t, NativeFn::Softirqs, f.stack);
		}
		return;
	case 2: f.state = 3; return;
	case 3: {
		Task& task = m.tasks[t];
		if (f.a[1]) {
			// irqentry_exit_to_user_mode() -> exit_to_user_mode_loop()
			if (task.need_resched) {
				push_schedule(t);
				return;
			}
		} else if (m_config.preempt == PreemptModel::Full && c.preempt_count == 0 && task.need_resched) {
			// irqentry_exit_cond_resched() -> preempt_schedule_irq()
			NativeFrame& s = push_native(t, NativeFn::Schedule, f.stack);
			s.a[0] = 1;
			return;
		}
		set_irqs(cpu, t, true, "irqentry_exit+0x31/0x80");   // iret restores the interrupted EFLAGS.IF
		if (f.a[2])
			c.hardirq_stack_inuse = false;
		bool to_user = f.a[1];
		task.kstack.pop_back();
		if (to_user && !task.kstack.empty())
			return;
		if (to_user)
			deliver_signals(cpu, t);
		return;
	}
	}
	KCTX_UNREACHABLE();
}

void trace_interrupt(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	bool ipi = f.op == 1;
	if (f.state == 0 || f.state == 5) {
		add("hrtimer_interrupt+0x11c/0x250");
		add("__sysvec_apic_timer_interrupt+0x5d/0x140");
	} else if (f.state == 1 || f.state == 2) {
		add("__irq_exit_rcu+0xac/0xe0");
	} else {
		add("irqentry_exit_to_user_mode+0x9/0x20");
	}
	add(ipi ? "sysvec_reschedule_ipi+0x6a/0x90" : "sysvec_apic_timer_interrupt+0x3a/0x90");
	// The asm entry stub runs on the interrupted stack; an irq that came in on the
	// irq stack shows it after </IRQ>, with the interrupted kernel registers.
	add(ipi ? "asm_sysvec_reschedule_ipi+0x16/0x20" : "asm_sysvec_apic_timer_interrupt+0x16/0x20", StackKind::Task);
	if (f.stack == StackKind::Irq)
		out.push_back({StackKind::Task, "__KCTX_KERNEL_REGS__", true});
}

void Kernel::step_softirqs(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// a[0]: restarts; a[1]: start time; a[2]: next vector; a[3]: preempt_count when the
	// vector started; a[4]: the pending mask being served.
	Cpu& c = m.cpus[cpu];
	switch (f.state) {
	case 0:
		// softirq_handle_begin(): SOFTIRQ_OFFSET, then handlers run with irqs on.
		charge(cpu, m_config.costs.softirq_ns);
		if (c.preempt_count == 0)
			c.preempt_disable_ip = "handle_softirqs+0x4d/0x280";
		c.preempt_count += abi::SOFTIRQ_OFFSET;
		lockdep_softirqs(cpu, t, false, "handle_softirqs+0x4d/0x280");
		m.tasks[t].lockdep_softirq_context++;   // lockdep_softirq_enter()
		f.a[1] = c.now;
		f.state = 1;
		return;
	case 1:
		f.a[4] = c.softirq_pending;
		c.softirq_pending = 0;
		set_irqs(cpu, t, true, "handle_softirqs+0x7c/0x280");
		f.a[2] = 0;
		f.state = 2;
		return;
	case 2:
		for (uint32_t nr = static_cast<uint32_t>(f.a[2]); nr < abi::NR_SOFTIRQS; nr++) {
			if (!(f.a[4] & (1u << nr)))
				continue;
			f.a[2] = nr + 1;
			f.a[3] = c.preempt_count;
			f.state = 3;
			if (m_hooks)
				m_hooks->softirq_entry(m, cpu, nr);
			if (nr == abi::TIMER_SOFTIRQ)
				push_native(t, NativeFn::RunTimers, f.stack);
			else if (nr == abi::TASKLET_SOFTIRQ || nr == abi::HI_SOFTIRQ)
				push_native(t, NativeFn::Tasklets, f.stack);
			return;
		}
		f.state = 4;
		return;
	case 3: {
		uint32_t nr = static_cast<uint32_t>(f.a[2] - 1);
		if (m_hooks)
			m_hooks->softirq_exit(m, cpu, nr);
		if (c.preempt_count != f.a[3]) {
			static constexpr const char* kNames[] = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK",
								 "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU"};
			printk(cpu, fmt::format("\0013huh, entered softirq {} {} {:016x} with preempt_count {:08x}, exited with {:08x}?\n",
						nr, kNames[nr], kernel_symbol_address("run_timer_softirq"),
						f.a[3] & ~abi::PREEMPT_NEED_RESCHED, preempt_count(cpu)));
			c.preempt_count = static_cast<uint32_t>(f.a[3]);
		}
		f.state = 2;
		return;
	}
	case 4:
		set_irqs(cpu, t, false, "handle_softirqs+0x1c9/0x280");
		if (c.softirq_pending && ++f.a[0] < kMaxSoftirqRestart && c.now - f.a[1] < 2'000'000) {
			f.state = 1;
			return;
		}
		// softirq_handle_end()
		c.preempt_count -= abi::SOFTIRQ_OFFSET;
		m.tasks[t].lockdep_softirq_context--;   // lockdep_softirq_exit()
		lockdep_softirqs(cpu, t, true, "handle_softirqs+0x1f0/0x280");
		pop_frame(t, 0);
		return;
	}
	KCTX_UNREACHABLE();
}

void trace_softirqs(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("handle_softirqs+0xd7/0x280");
}

void Kernel::step_run_timers(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// __run_timers(): run every timer whose bucket is due, earliest first.
	uint64_t now = jiffies(cpu);
	uint64_t best_addr = 0;
	const Timer* best = nullptr;
	for (const auto& [addr, tm] : m.timers) {
		if (!tm.pending || tm.cpu != cpu || static_cast<int64_t>(now - tm.bucket) < 0)
			continue;
		if (!best || tm.bucket < best->bucket || (tm.bucket == best->bucket && tm.seq < best->seq)) {
			best = &tm;
			best_addr = addr;
		}
	}
	if (!best) {
		pop_frame(t, 0);
		return;
	}
	Timer& tm = m.timers[best_addr];
	tm.pending = false;
	if (tm.kind == TimerKind::ProcessTimeout) {
		wake_up_process(tm.task, cpu);   // process_timeout()
		return;
	}
	if (tm.kind == TimerKind::DelayedWork) {
		// delayed_work_timer_fn(): queue the work on this CPU's kworker.
		uint64_t w = best_addr - abi::layout::delayed_work::timer;
		Work& work = m.works[w];
		if (!work.pending) {
			work.pending = true;
			work.cpu = cpu;
			m.cpus[cpu].worklist.push_back(w);
			wake_up_process(m.cpus[cpu].kworker, cpu);
		}
		return;
	}
	uint64_t fn = tm.fn;
	StackKind stack = f.stack;
	NativeFrame& call = push_native(t, NativeFn::CallTimerFn, stack);
	call.a[0] = best_addr;
	call.a[1] = fn;
}

void trace_run_timers(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__run_timers+0x222/0x2c0");
	add("run_timer_softirq+0x19/0x30");
}

void Kernel::step_call_timer_fn(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// call_timer_fn(): a[0] timer, a[1] callback, a[2] preempt_count before the call.
	Cpu& c = m.cpus[cpu];
	if (f.state == 0) {
		f.a[2] = c.preempt_count;
		f.state = 1;
		uint64_t timer = f.a[0], fn = f.a[1];
		if (m_hooks)
			m_hooks->timer_expire_entry(m, cpu, timer, fn);
		// lock_map_acquire(&lockdep_map): a copy of the timer's map on this stack.
		const Timer& tm = m.timers[timer];
		lockdep_acquire(cpu, t, m.tasks[t].stack_base + 0x3e40, tm.name.empty() ? "(&timer)" : tm.name,
				tm.key ? tm.key : timer, LockKind::Map, false, "call_timer_fn+0x7f/0x130", "");
		StackKind stack = f.stack;
		push_vm_call(t, fn, std::vector<uint64_t>{timer}, stack);
		return;
	}
	uint32_t count = static_cast<uint32_t>(f.a[2]);
	uint64_t fn = f.a[1];
	if (m_hooks)
		m_hooks->timer_expire_exit(m, cpu, f.a[0]);
	lockdep_release(cpu, t, m.tasks[t].stack_base + 0x3e40, "call_timer_fn+0xd8/0x130");
	pop_frame(t, 0);
	if (count == c.preempt_count)
		return;
	// WARN_ONCE(1, "timer: %pS preempt leak: %08x -> %08x\n", fn, count, preempt_count());
	// preempt_count_set(count);
	if (m.warned_once.insert("call_timer_fn:preempt_leak").second) {
		std::string msg = fmt::format("timer: {} preempt leak: {:08x} -> {:08x}\n", symbolize(fn),
					      count & ~abi::PREEMPT_NEED_RESCHED, preempt_count(cpu));
		warn(cpu, "kernel/time/timer.c", 1707, "call_timer_fn+0x120/0x130", msg, {});
	}
	c.preempt_count = count;
}

void trace_call_timer_fn(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("call_timer_fn+0x27/0x130");
}

void Kernel::step_run_hrtimer(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// __hrtimer_run_queues() -> __run_hrtimer(): a[0] the timer being run.
	Cpu& c = m.cpus[cpu];
	if (f.state == 1) {
		auto it = m.hrtimers.find(f.a[0]);
		// HRTIMER_RESTART re-queues at the (forwarded) expiry.
		if (it != m.hrtimers.end() && f.ret == 1 && !it->second.pending)
			it->second.pending = true;
		f.state = 0;
		return;
	}
	uint64_t best_addr = 0;
	const Hrtimer* best = nullptr;
	for (const auto& [addr, h] : m.hrtimers) {
		if (!h.pending || h.cpu != cpu || h.kind != HrtimerKind::Module || h.expires > c.now)
			continue;
		if (!best || h.expires < best->expires || (h.expires == best->expires && h.seq < best->seq)) {
			best = &h;
			best_addr = addr;
		}
	}
	if (!best) {
		pop_frame(t, 0);
		return;
	}
	m.hrtimers[best_addr].pending = false;
	f.a[0] = best_addr;
	f.state = 1;
	uint64_t fn = best->fn;
	StackKind stack = f.stack;
	push_vm_call(t, fn, std::vector<uint64_t>{best_addr}, stack);
}

void trace_run_hrtimer(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__hrtimer_run_queues+0x112/0x2a0");
}

}  // namespace kctx::kernel
