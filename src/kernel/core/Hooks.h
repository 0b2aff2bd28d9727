// What observers (trace sinks, probes, the explorer) can see of a running machine. The
// kernel owns this interface and calls it at the points Linux has tracepoints; observers
// live in higher layers and never change the machine. Every hook gets the machine after
// the event and the CPU it happened on (its clock is the event's time).
#pragma once

#include <cstdint>
#include <span>

#include "kernel/core/Machine.h"
#include "vm/Thread.h"

namespace kctx::vm {
struct Program;
}

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
	// sched:sched_migrate_task: t moves to dest_cpu (kernel/sched/core.c set_task_cpu(),
	// from try_to_wake_up()); t's cpu is still the one it leaves.
	virtual void sched_migrate_task(const Machine& m, uint32_t cpu, TaskId t, uint32_t dest_cpu) {}
	// sched:sched_process_exec: t runs its new program (fs/exec.c exec_binprm(); kctx's
	// fork and exec are one step, so t has not run yet). sched:sched_process_exit: t is
	// exiting (kernel/exit.c do_exit()).
	virtual void sched_process_exec(const Machine& m, uint32_t cpu, TaskId t) {}
	virtual void sched_process_exit(const Machine& m, uint32_t cpu, TaskId t) {}
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

	// What a kprobe on a function's first instruction and a kretprobe on its return see
	// (kernel/kprobes.c), for stap's kernel.function() probes. The kernel calls these only
	// while wants_functions() is true: an observer that wants them sets
	// m_wants_functions, so the others cost one test of a flag per call.
	// The native frame on top of t's kernel stack is about to run a step. The observer
	// tells a frame it has not seen before (an entry) from one it has: natives are pushed
	// in many places, and a step is the one place every native passes through.
	virtual void native_step(const Machine& m, uint32_t cpu, TaskId t) {}
	// A native (NativeFn index) returned `ret`; its frame is already popped.
	virtual void native_return(const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret) {}
	// Module code called a kernel builtin (abi::BuiltinId: kmalloc, mutex_lock …) with
	// these arguments; its return, when the value is handed back to the module code
	// (after the sleep, for a builtin that sleeps).
	virtual void builtin_entry(const Machine& m, uint32_t cpu, TaskId t, uint32_t id, std::span<const uint64_t> args) {}
	virtual void builtin_return(const Machine& m, uint32_t cpu, TaskId t, uint64_t value) {}
	// The kernel called into module code (a callback, a kthread function, module_init, a
	// file operation): its frame is on top of t's stack, about to run its first
	// instruction with these arguments. Its return, after the frame was popped. Calls
	// from module code to module code stay inside the interpreter and are not seen.
	virtual void vm_entry(const Machine& m, uint32_t cpu, TaskId t, std::span<const uint64_t> args) {}
	virtual void vm_return(const Machine& m, uint32_t cpu, TaskId t, int64_t ret) {}
	[[nodiscard]] bool wants_functions() const { return m_wants_functions; }

	// What a kprobe at any instruction sees (stap's .statement() probes, and process()
	// probes on a user program's functions): while watches() says so for module code
	// (`user` false) or user programs, the kernel runs that bytecode one instruction at a
	// time and calls this before each, `thread`'s top frame about to run its pc. An
	// instruction that faults and is retried is announced again.
	virtual void vm_insn(const Machine& m, uint32_t cpu, TaskId t, const vm::Thread& thread, bool user) {}
	[[nodiscard]] bool watches(bool user) const { return user ? m_watch_user : m_watch_module; }
	// Of the user programs, which run watched while watches(true): a uprobe is on one
	// program's code (stap's process("PATH")), so the others run at full speed. `program`
	// is the code the task is in (null: none of the scenario's).
	[[nodiscard]] virtual bool watches_program(const vm::Program* program) const { return true; }

	// The simulated time the observer's own work took on `cpu` since the kernel last
	// asked (a stap probe handler's cost per hit); the kernel charges it to that CPU's
	// clock after each step, so an observer changes nothing else in the machine.
	[[nodiscard]] virtual uint64_t take_cost_ns(uint32_t cpu) { return 0; }

protected:
	bool m_wants_functions = false;
	bool m_watch_module = false;
	bool m_watch_user = false;
};

// `hooks` when an observer is attached and wants function events, else null.
[[nodiscard]] inline Hooks* function_hooks(Hooks* hooks)
{
	return hooks && hooks->wants_functions() ? hooks : nullptr;
}
// For the places that pop a native's frame themselves rather than through
// Kernel::pop_frame (a syscall's, an interrupt's, a signal stop's): tells the hooks.
inline void native_popped(Hooks* hooks, const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret)
{
	if (Hooks* fh = function_hooks(hooks)) [[unlikely]]
		fh->native_return(m, cpu, t, fn, ret);
}

}  // namespace kctx::kernel
