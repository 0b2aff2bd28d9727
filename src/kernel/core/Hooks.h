// What observers (trace sinks, probes, the explorer) can see of a running machine. The
// kernel owns this interface and calls it at the points Linux has tracepoints; observers
// live in higher layers and never change the machine. Every hook gets the machine after
// the event and the CPU it happened on (its clock is the event's time).
#pragma once

#include <cstdint>
#include <span>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

class Hooks {
public:
	virtual ~Hooks() = default;
	// sched:sched_switch, called after prev has been switched out, with the tracepoint's
	// arguments (include/trace/events/sched.h): `preempt` says __schedule() ran as a
	// preemption (SM_PREEMPT), prev_state is the state prev went to sleep in
	// (TASK_RUNNING for a preemption).
	virtual void sched_switch(const Machine& m, uint32_t cpu, bool preempt, TaskId prev, TaskId next,
				  uint32_t prev_state) {}
	// sched:sched_wakeup: t was woken and queued on target_cpu.
	virtual void sched_wakeup(const Machine& m, uint32_t cpu, TaskId t, uint32_t target_cpu) {}
	// raw_syscalls:sys_enter / sys_exit; `syscall` is the libc BuiltinId that made the
	// call (the trace layer names it), or a kctx-internal number for applets.
	virtual void sys_enter(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, std::span<const uint64_t> args) {}
	virtual void sys_exit(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret) {}
	// irq_vectors:*_entry / *_exit of a system vector (0 local timer, 1 reschedule IPI);
	// a device line's common_interrupt() has none.
	virtual void irq_entry(const Machine& m, uint32_t cpu, uint32_t vector) {}
	virtual void irq_exit(const Machine& m, uint32_t cpu, uint32_t vector) {}
	// irq:irq_handler_entry / irq_handler_exit around each action of a device line
	// (kernel/irq/handle.c __handle_irq_event_percpu()): its name, and its irqreturn_t.
	virtual void irq_handler_entry(const Machine& m, uint32_t cpu, uint32_t irq, const std::string& name) {}
	virtual void irq_handler_exit(const Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret) {}
	// irq:softirq_entry / softirq_exit (abi::Softirq vector).
	virtual void softirq_entry(const Machine& m, uint32_t cpu, uint32_t vec) {}
	virtual void softirq_exit(const Machine& m, uint32_t cpu, uint32_t vec) {}
	// timer:timer_expire_entry / exit for a module's timer_list.
	virtual void timer_expire_entry(const Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) {}
	virtual void timer_expire_exit(const Machine& m, uint32_t cpu, uint64_t timer) {}
	// printk: one record was logged (text without the level prefix).
	virtual void printk(const Machine& m, uint32_t cpu, const LogRecord& record) {}
	// Not a Linux tracepoint: the CPU finished one step of the event loop (an interpreter
	// batch, a builtin, a native's step, an interrupt's delivery), its clock now at the
	// step's end. Observers of state the tracepoints do not announce (preempt_count, the
	// irq flag, a CPU spinning on a lock, a report's counters) compare it here; Linux's
	// preemptirq tracepoints announce the first two, at finer grain.
	virtual void cpu_stepped(const Machine& m, uint32_t cpu) {}
};

}  // namespace kctx::kernel
