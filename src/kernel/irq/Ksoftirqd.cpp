// Raising a softirq and ksoftirqd/N (kernel/softirq.c). A softirq raised in interrupt
// context runs at that interrupt's exit (__irq_exit_rcu()); one raised from process
// context, as tasklet_schedule() from a module's init or a write() handler, wakes the
// CPU's ksoftirqd (raise_softirq_irqoff() -> wakeup_softirqd()), so it runs within
// microseconds rather than at the next tick.
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

void Kernel::raise_softirq(uint32_t cpu, uint32_t nr)
{
	Cpu& c = m.cpus[cpu];
	c.irq.softirq_pending |= 1u << nr;
	// raise_softirq_irqoff(): "If we're in an interrupt or softirq, we're done (this
	// also catches softirq-disabled code). We will actually run the softirq once we
	// return from the irq or softirq." Otherwise wake the softirq daemon.
	if (abi::in_interrupt(c.preempt_count) || c.ksoftirqd == kNoTask)
		return;
	(void)wake_up_process(c.ksoftirqd, cpu);
}

void Kernel::step_ksoftirqd(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::Ksoftirqd>();
	using R = run::Ksoftirqd::Resume;
	switch (r.resume) {
	case R::Check:
		// smpboot_thread_fn(): ksoftirqd_should_run() is local_softirq_pending().
		if (!c.irq.softirq_pending) {
			set_task_state(t, abi::TASK_INTERRUPTIBLE);
			push_schedule(t);
			return;
		}
		// run_ksoftirqd(): irqs off, then __do_softirq() on the thread's own stack.
		set_irqs(cpu, t, false, "run_ksoftirqd+0x15/0x40");
		r.resume = R::Ran;
		push_native(t, run::Softirqs{}, f.stack);
		return;
	case R::Ran:
		set_irqs(cpu, t, true, "run_ksoftirqd+0x2b/0x40");
		r.resume = R::Check;
		if (m.tasks[t].sched.need_resched)
			push_schedule(t);   // cond_resched()
		return;
	}
	KCTX_UNREACHABLE();
}

void trace_ksoftirqd(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	// Asleep it is in smpboot_thread_fn()'s schedule(), as migration/N is; serving
	// softirqs, in run_ksoftirqd()'s __do_softirq().
	TraceAdder add{out, f.stack};
	if (f.as<run::Ksoftirqd>().resume == run::Ksoftirqd::Resume::Ran) {
		add("run_ksoftirqd+0x2b/0x40");
		add("smpboot_thread_fn+0xd7/0x1e0");
	} else {
		add("smpboot_thread_fn+0xb7/0x1e0");
	}
	add("kthread+0xda/0x100");
	add("ret_from_fork+0x22/0x30");
}

}  // namespace kctx::kernel
