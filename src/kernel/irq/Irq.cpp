// Interrupts: the local APIC timer (the tick and hrtimers), reschedule IPIs, irq exit and
// softirqs (kernel/softirq.c). The timer softirq's and hrtimers' run loops are in
// time/Timers.cpp, tasklets in irq/Tasklet.cpp.
#include <algorithm>
#include <bit>
#include <fmt/format.h>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/FunctionHooks.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
constexpr uint32_t kMaxSoftirqRestart = 10;   // kernel/softirq.c MAX_SOFTIRQ_RESTART
}  // namespace

bool Kernel::timer_interrupt_due(uint32_t cpu) const
{
	const Cpu& c = m.cpus[cpu];
	return (!c.tick.stopped && c.now >= c.tick.next) || m.time.next_hrtimer_ns(cpu) <= c.now ||
	       (c.tick.stopped && next_timer_ns(cpu) <= c.now);
}

void Kernel::deliver_interrupt(uint32_t cpu)
{
	Cpu& c = m.cpus[cpu];
	TaskId t = c.curr;
	bool from_user = m.tasks[t].in_user_mode();
	bool timer = timer_interrupt_due(cpu);
	// The local APIC's priority: the system vectors (timer, reschedule) are above every
	// device vector; among device lines kctx takes the lowest irq first.
	uint32_t irr = cpu < m.irq.irr.size() ? m.irq.irr[cpu] : 0;
	IrqVector vector = timer ? IrqVector::Timer : (c.sched.wakeup_at <= c.now || !irr) ? IrqVector::Reschedule : IrqVector::Device;
	if (vector == IrqVector::Reschedule)
		c.sched.wakeup_at = ~0ull;
	uint32_t irq = 0;
	if (vector == IrqVector::Device) {
		irq = static_cast<uint32_t>(std::countr_zero(irr));
		m.irq.irr[cpu] &= ~(1u << irq);
	}
	// call_on_irqstack_cond(): from user mode, or when already on the irq stack, the
	// handler runs on the current stack; else it switches to the per-CPU irq stack.
	StackKind stack = StackKind::Task;
	bool switched = false;
	if (!from_user && !c.irq.stack_inuse) {
		stack = StackKind::Irq;
		switched = true;
		c.irq.stack_inuse = true;
	}
	// The CPU clears EFLAGS.IF as it takes the interrupt.
	set_irqs(cpu, t, false, vector == IrqVector::Device ? "asm_common_interrupt+0x0/0x40" : "asm_sysvec_apic_timer_interrupt+0x0/0x20");
	push_native(t, run::Interrupt{.vector = vector, .from_user = from_user, .switched_stack = switched, .irq = irq}, stack);
}

void Kernel::step_interrupt(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::Interrupt>();
	auto vector = static_cast<uint32_t>(r.vector);
	using R = run::Interrupt::Resume;
	switch (r.resume) {
	case R::Enter: {
		// irq_enter_rcu(): HARDIRQ_OFFSET; the CPU took the interrupt with IF cleared.
		charge(cpu, m_config.costs.irq_ns);
		c.irq.count++;
		if (r.vector == IrqVector::Timer)
			m.irq.stats[cpu].loc++;
		else if (r.vector == IrqVector::Reschedule)
			m.irq.stats[cpu].res++;
		c.irqs_enabled = false;
		c.preempt_count += abi::HARDIRQ_OFFSET;
		m.tasks[t].lockdep.hardirq_context++;   // lockdep_hardirq_enter()
		r.resume = R::Exit;
		if (m_hooks && r.vector != IrqVector::Device)
			m_hooks->irq_entry(m, cpu, vector);
		if (r.vector == IrqVector::Device) {
			// __common_interrupt() -> handle_irq(): the line's flow handler.
			r.resume = R::Handled;
			push_native(t, run::HandleIrq{.irq = r.irq}, f.stack);
			return;
		}
		if (r.vector != IrqVector::Timer)
			return;
		// hrtimer_interrupt(): tick_sched_timer -> update_process_times().
		uint64_t tick = m_config.tick_ns();
		if (c.tick.stopped && next_timer_ns(cpu) <= c.now)
			c.tick.stopped = false;
		if (!c.tick.stopped && c.now >= c.tick.next) {
			c.tick.next += (c.now - c.tick.next) / tick * tick + tick;
			scheduler_tick(cpu);
			// run_local_timers(): raise TIMER_SOFTIRQ when a timer is due.
			if (m.time.timers_due(cpu, jiffies(cpu)))
				raise_softirq(cpu, abi::TIMER_SOFTIRQ);
			// khungtaskd's scan, every timeout (kctx runs it from CPU 0's tick).
			if (cpu == 0 && c.now >= m.hung.next_check) {
				m.hung.next_check = c.now + 120'000'000'000ull;
				check_hung_tasks(cpu);
			}
		}
		bool module_due = false;
		// The expired ones, in address order (kctx's order since its first release).
		std::vector<uint64_t> due = m.time.due_hrtimers(cpu, c.now);
		std::sort(due.begin(), due.end());
		for (uint64_t addr : due) {
			Hrtimer& h = m.time.hrtimers.at(addr);
			if (!h.pending || h.expires > c.now)
				continue;   // a handler before it cancelled it
			if (h.kind == HrtimerKind::Module) {
				module_due = true;
				continue;
			}
			m.time.hrtimer_unqueue(addr);
			if (h.kind == HrtimerKind::Sleeper) {
				// hrtimer_wakeup()
				h.pending = false;
				wake_up_process(h.task, cpu);
			} else if (h.kind == HrtimerKind::Watchdog) {
				h.expires += 4'000'000'000ull;   // hrtimer_forward_now(sample_period)
				m.time.hrtimer_enqueue(addr);
				watchdog_timer_fn(cpu);
			} else if (h.kind == HrtimerKind::Alarm) {
				// it_real_fn(): SIGALRM to the process
				h.pending = false;
				send_signal(cpu, h.task, abi::kSIGALRM);
			}
		}
		if (module_due) {
			r.resume = R::Hrtimers;   // __hrtimer_run_queues() runs the callbacks, still in hardirq
			push_native(t, run::RunHrtimer{}, f.stack);
		}
		return;
	}
	case R::Hrtimers:
	case R::Handled: r.resume = R::Exit; return;
	case R::Exit:
		// __irq_exit_rcu(): leave hardirq, then run softirqs if none is being served.
		if (m_hooks && r.vector != IrqVector::Device)
			m_hooks->irq_exit(m, cpu, vector);
		preempt_count_dec(cpu, abi::HARDIRQ_OFFSET, "__irq_exit_rcu+0x4a/0xe0");
		m.tasks[t].lockdep.hardirq_context--;   // lockdep_hardirq_exit()
		r.resume = R::Return;
		if (!abi::in_interrupt(c.preempt_count) && c.irq.softirq_pending) {
			r.resume = R::Softirqs;
			push_native(t, run::Softirqs{}, f.stack);
		}
		return;
	case R::Softirqs: r.resume = R::Return; return;
	case R::Return: {
		Task& task = m.tasks[t];
		if (r.from_user) {
			// irqentry_exit_to_user_mode() -> exit_to_user_mode_loop()
			if (task.sched.need_resched) {
				push_schedule(t);
				return;
			}
		} else if (m_config.preempt == PreemptModel::Full && c.preempt_count == 0 && task.sched.need_resched) {
			// irqentry_exit_cond_resched() -> preempt_schedule_irq()
			push_native(t, run::Schedule{.mode = run::Schedule::Mode::Preempt}, f.stack);
			return;
		}
		set_irqs(cpu, t, true, "irqentry_exit+0x31/0x80");   // iret restores the interrupted EFLAGS.IF
		if (r.switched_stack)
			c.irq.stack_inuse = false;
		bool to_user = r.from_user;
		const auto popped_fn = static_cast<uint32_t>(std::get<NativeFrame>(task.kstack.back()).fn());
		task.kstack.pop_back();
		native_popped(m_hooks, m, cpu, t, popped_fn, 0);
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
	const auto& r = f.as<run::Interrupt>();
	using R = run::Interrupt::Resume;
	bool ipi = r.vector == IrqVector::Reschedule;
	if (r.vector == IrqVector::Device) {
		// common_interrupt() (arch/x86/kernel/irq.c): run_irq_on_irqstack_cond(__common_interrupt).
		if (r.resume == R::Enter || r.resume == R::Handled)
			add("__common_interrupt+0x66/0x110");
		else if (r.resume == R::Exit || r.resume == R::Softirqs)
			add("__irq_exit_rcu+0xac/0xe0");
		else
			add("irqentry_exit_to_user_mode+0x9/0x20");
		add("common_interrupt+0xb3/0xd0");
		add("asm_common_interrupt+0x22/0x40", StackKind::Task);
		if (f.stack == StackKind::Irq)
			out.push_back({StackKind::Task, "__KCTX_KERNEL_REGS__", true});
		return;
	}
	if (r.resume == R::Enter || r.resume == R::Hrtimers) {
		add("hrtimer_interrupt+0x11c/0x250");
		add("__sysvec_apic_timer_interrupt+0x5d/0x140");
	} else if (r.resume == R::Exit || r.resume == R::Softirqs) {
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
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::Softirqs>();
	using R = run::Softirqs::Resume;
	switch (r.resume) {
	case R::Begin:
		// softirq_handle_begin(): SOFTIRQ_OFFSET, then handlers run with irqs on.
		charge(cpu, m_config.costs.softirq_ns);
		if (c.preempt_count == 0)
			c.preempt_disable_ip = "handle_softirqs+0x4d/0x280";
		c.preempt_count += abi::SOFTIRQ_OFFSET;
		lockdep_softirqs(cpu, t, false, "handle_softirqs+0x4d/0x280");
		m.tasks[t].lockdep.softirq_context++;   // lockdep_softirq_enter()
		r.start_ns = c.now;
		r.resume = R::Restart;
		return;
	case R::Restart:
		r.pending = c.irq.softirq_pending;
		c.irq.softirq_pending = 0;
		set_irqs(cpu, t, true, "handle_softirqs+0x7c/0x280");
		r.next_nr = 0;
		r.resume = R::Next;
		return;
	case R::Next:
		for (uint32_t nr = r.next_nr; nr < abi::NR_SOFTIRQS; nr++) {
			if (!(r.pending & (1u << nr)))
				continue;
			r.next_nr = nr + 1;
			r.vector_count = c.preempt_count;
			r.resume = R::Handled;
			if (m_hooks)
				m_hooks->softirq_entry(m, cpu, nr);
			if (nr == abi::TIMER_SOFTIRQ)
				push_native(t, run::RunTimers{}, f.stack);
			else if (nr == abi::TASKLET_SOFTIRQ || nr == abi::HI_SOFTIRQ)
				push_native(t, run::Tasklets{}, f.stack);
			return;
		}
		r.resume = R::End;
		return;
	case R::Handled: {
		uint32_t nr = r.next_nr - 1;
		if (m_hooks)
			m_hooks->softirq_exit(m, cpu, nr);
		if (c.preempt_count != r.vector_count) {
			static constexpr const char* kNames[] = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK",
								 "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU"};
			printk(cpu, fmt::format("\0013huh, entered softirq {} {} {:016x} with preempt_count {:08x}, exited with {:08x}?\n",
						nr, kNames[nr], kernel_symbol_address("run_timer_softirq"),
						r.vector_count & ~abi::PREEMPT_NEED_RESCHED, preempt_count(cpu)));
			c.preempt_count = r.vector_count;
		}
		r.resume = R::Next;
		return;
	}
	case R::End:
		set_irqs(cpu, t, false, "handle_softirqs+0x1c9/0x280");
		if (c.irq.softirq_pending && ++r.restarts < kMaxSoftirqRestart && c.now - r.start_ns < 2'000'000) {
			r.resume = R::Restart;
			return;
		}
		// softirq_handle_end()
		c.preempt_count -= abi::SOFTIRQ_OFFSET;
		m.tasks[t].lockdep.softirq_context--;   // lockdep_softirq_exit()
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

}  // namespace kctx::kernel
