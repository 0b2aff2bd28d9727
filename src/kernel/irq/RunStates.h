// Interrupt entry and the softirq and tasklet loops.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// The local APIC vectors kctx delivers (arch/x86/include/asm/irq_vectors.h), numbered as
// the irq_entry/irq_exit hooks report them.
enum class IrqVector : uint8_t {
	Timer,        // LOCAL_TIMER_VECTOR: the tick and hrtimers
	Reschedule,   // RESCHEDULE_VECTOR: a wake-up from another CPU
	Device,       // an IO-APIC line's vector: common_interrupt() -> the line's handle_edge_irq()
};

namespace run {

// sysvec_apic_timer_interrupt() / sysvec_reschedule_ipi() (arch/x86/kernel/apic/apic.c,
// smp.c): irq_enter_rcu(), the handler, __irq_exit_rcu() with its softirqs, irqentry_exit().
struct Interrupt {
	enum class Resume : uint8_t {
		Enter,      // irq_enter_rcu(), then the handler: the tick, expired hrtimers
		Hrtimers,   // back from __hrtimer_run_queues() (still in hardirq)
		Handled,    // back from a device line's handle_edge_irq() (still in hardirq)
		Exit,       // __irq_exit_rcu(): leave hardirq, run pending softirqs
		Softirqs,   // back from handle_softirqs()
		Return,     // irqentry_exit(): reschedule or preempt, then iret
	};
	Resume resume = Resume::Enter;
	IrqVector vector = IrqVector::Timer;
	bool from_user = false;        // it interrupted user mode: exit_to_user_mode_loop() on return
	bool switched_stack = false;   // it switched to the per-CPU irq stack, to give back on return
	uint32_t irq = 0;              // Device: the line
	bool operator==(const Interrupt&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, vector, from_user, switched_stack, irq); }
};

// handle_edge_irq() -> handle_irq_event() -> __handle_irq_event_percpu() (kernel/irq/
// chip.c, handle.c): each action's primary handler in hardirq context, a wake of the
// threads that asked for it, then note_interrupt()'s spurious-interrupt accounting.
struct HandleIrq {
	enum class Resume : uint8_t {
		Begin,     // a disabled line only becomes pending; else count it and start
		Next,      // call the next action's handler
		Returned,  // back from action `next - 1`'s handler with its irqreturn_t
		Note,      // note_interrupt() with the accumulated result, then return
	};
	Resume resume = Resume::Begin;
	uint32_t irq = 0;
	uint32_t next = 0;     // the next action to call
	uint64_t retval = 0;   // the handlers' results, or'ed
	bool operator==(const HandleIrq&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, irq, next, retval); }
};

// irq_thread() (kernel/irq/manage.c): the irq/N-name kthread of a threaded action, at
// SCHED_FIFO 50; it sleeps until the primary handler returns IRQ_WAKE_THREAD, then runs
// irq_thread_fn() -> action->thread_fn in process context.
struct IrqThread {
	enum class Resume : uint8_t {
		Wait,      // irq_wait_for_interrupt(): run if IRQTF_RUNTHREAD, exit if stopped, else sleep
		Returned,  // back from thread_fn
	};
	Resume resume = Resume::Wait;
	uint32_t irq = 0;
	uint64_t dev_id = 0;   // which action of the line is this thread's
	bool operator==(const IrqThread&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, irq, dev_id); }
};

// handle_softirqs() (kernel/softirq.c): every pending vector with irqs on, restarted while
// more are raised, at most MAX_SOFTIRQ_RESTART times or MAX_SOFTIRQ_TIME.
struct Softirqs {
	enum class Resume : uint8_t {
		Begin,     // softirq_handle_begin(): SOFTIRQ_OFFSET
		Restart,   // the `restart:` label: take the pending mask, irqs on
		Next,      // run the next pending vector from `next_nr` on
		Handled,   // back from vector `next_nr - 1`: check its preempt_count
		End,       // irqs off; restart if more were raised, else softirq_handle_end()
	};
	Resume resume = Resume::Begin;
	uint32_t restarts = 0;       // passes made after the first
	uint64_t start_ns = 0;       // when it began, on the CPU's clock
	uint32_t pending = 0;        // the mask being served, bit per abi::Softirq
	uint32_t next_nr = 0;        // the next vector to look at
	uint32_t vector_count = 0;   // preempt_count when the running vector began
	bool operator==(const Softirqs&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, restarts, start_ns, pending, next_nr, vector_count); }
};

// smpboot_thread_fn() -> run_ksoftirqd() (kernel/softirq.c): ksoftirqd/N serves the
// softirqs raised outside interrupt context, with irqs off around handle_softirqs().
struct Ksoftirqd {
	enum class Resume : uint8_t {
		Check,   // ksoftirqd_should_run(): serve the pending ones, or sleep
		Ran,     // back from handle_softirqs(): irqs on, cond_resched()
	};
	Resume resume = Resume::Check;
	bool operator==(const Ksoftirqd&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume); }
};

// tasklet_action_common() (kernel/softirq.c): one queued tasklet per step; no locals, the
// queue is the CPU's.
struct Tasklets {
	bool operator==(const Tasklets&) const = default;
	void serialize(auto&) {}
};

}  // namespace run
}  // namespace kctx::kernel
