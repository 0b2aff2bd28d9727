// The builtins that ask or change the context a module function runs in: current, the
// CPU, preempt_count and its in_*() tests, preemption, hardirqs and softirqs on and off
// (include/linux/preempt.h, include/linux/irqflags.h, kernel/softirq.c).
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::context_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto top = [&]() -> vm::Thread& { return std::get<VmFrame>(m.tasks[t].kstack.back()).thread; };
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { finish_builtin(t, v); };
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::get_current: {
		// The signal masks change without a context switch (sigprocmask, a kill while the
		// task runs): current->blocked and current->pending are as of now, as Linux's are.
		namespace L = abi::layout::task_struct;
		(void)m.kmem.store(task.task_struct_addr + L::blocked, task.signal.blocked >> 1);
		(void)m.kmem.store(task.task_struct_addr + L::pending_signal, task.signal.pending >> 1);
		done(task.task_struct_addr);
		return true;
	}
	case BuiltinId::smp_processor_id:
	case BuiltinId::raw_smp_processor_id: done(cpu); return true;
	case BuiltinId::preempt_count: done(preempt_count(cpu)); return true;
	case BuiltinId::in_interrupt: done(abi::in_interrupt(c.preempt_count) ? 1 : 0); return true;
	case BuiltinId::in_irq:
	case BuiltinId::in_hardirq: done(abi::in_hardirq(c.preempt_count) ? 1 : 0); return true;
	case BuiltinId::in_softirq: done(abi::in_softirq(c.preempt_count) ? 1 : 0); return true;
	case BuiltinId::in_serving_softirq: done(abi::in_serving_softirq(c.preempt_count) ? 1 : 0); return true;
	case BuiltinId::in_task: done(abi::in_task(c.preempt_count) ? 1 : 0); return true;
	case BuiltinId::in_atomic: done(preempt_count(cpu) != 0 ? 1 : 0); return true;
	case BuiltinId::irqs_disabled: done(c.irqs_enabled ? 0 : 1); return true;
	case BuiltinId::preempt_disable:
		if (c.preempt_count == 0)
			c.preempt_disable_ip = symbolize(vm::frame_address(m_images, top().frames.back()));
		c.preempt_count += 1;
		done(0);
		return true;
	case BuiltinId::preempt_enable:
		// include/linux/preempt.h: with DEBUG_PREEMPT, preempt_count_dec_and_test() is
		// preempt_count_sub(1), called from the module function itself (no frame between).
		preempt_count_dec(cpu, 1, "");
		done(0);
		// CONFIG_PREEMPTION in full mode: preempt_enable() reaching 0 is a preemption point.
		if (m_config.preempt == PreemptModel::Full && c.preempt_count == 0 && task.sched.need_resched && c.irqs_enabled) {
			push_native(t, run::Schedule{.mode = run::Schedule::Mode::Preempt}, stack);
		}
		return true;
	case BuiltinId::local_irq_disable: done(0); set_irqs(cpu, t, false, caller_site(t)); return true;
	case BuiltinId::local_irq_enable: done(0); set_irqs(cpu, t, true, caller_site(t)); return true;
	case BuiltinId::__kctx_local_irq_save: {
		bool was = c.irqs_enabled;
		done(was ? 0x246 : 0x46);   // the saved EFLAGS: IF is bit 9
		set_irqs(cpu, t, false, caller_site(t));
		return true;
	}
	case BuiltinId::local_irq_restore: done(0); set_irqs(cpu, t, (arg(0) & 0x200) != 0, caller_site(t)); return true;
	case BuiltinId::local_bh_disable:
		preempt_count_inc(cpu, abi::SOFTIRQ_DISABLE_OFFSET, caller_site(t));
		lockdep_softirqs(cpu, t, false, caller_site(t));
		done(0);
		return true;
	case BuiltinId::local_bh_enable: {
		// __local_bh_enable_ip(): pending softirqs run right here, on the irq stack.
		preempt_count_dec(cpu, abi::SOFTIRQ_DISABLE_OFFSET, "__local_bh_enable_ip+0x7a/0xb0");
		lockdep_softirqs(cpu, t, true, caller_site(t));
		done(0);
		if (!abi::in_interrupt(c.preempt_count & 0x7fffffff) && c.irq.softirq_pending)
			push_native(t, run::Softirqs{}, StackKind::Irq);
		return true;
	}

	default: return false;
	}
}

}  // namespace kctx::kernel
