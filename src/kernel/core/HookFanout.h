// Several observers of one machine: the kernel calls one Hooks, this one passes each event
// to every observer in the list, in order (kctx run's trace and each attached stap
// session, say). The function events (native_step, builtin_entry …) go only to the
// observers that want them, and wants_functions() is true when any does, so observers
// that do not want them still cost nothing per call.
#pragma once

#include <vector>

#include "kernel/core/Hooks.h"

namespace kctx::kernel {

class HookFanout final : public Hooks {
public:
	// The observers from now on; null entries are skipped.
	void set(std::vector<Hooks*> observers);
	[[nodiscard]] bool empty() const { return m_all.empty(); }

	void sched_switch(const Machine& m, uint32_t cpu, bool preempt, TaskId prev, TaskId next,
			  uint32_t prev_state) override;
	void sched_wakeup(const Machine& m, uint32_t cpu, TaskId t, uint32_t target_cpu) override;
	void sched_migrate_task(const Machine& m, uint32_t cpu, TaskId t, uint32_t dest_cpu) override;
	void sched_process_exec(const Machine& m, uint32_t cpu, TaskId t) override;
	void sched_process_exit(const Machine& m, uint32_t cpu, TaskId t) override;
	void sys_enter(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, std::span<const uint64_t> args) override;
	void sys_exit(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret) override;
	void irq_entry(const Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_exit(const Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_handler_entry(const Machine& m, uint32_t cpu, uint32_t irq, const std::string& name) override;
	void irq_handler_exit(const Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret) override;
	void softirq_entry(const Machine& m, uint32_t cpu, uint32_t vec) override;
	void softirq_exit(const Machine& m, uint32_t cpu, uint32_t vec) override;
	void timer_expire_entry(const Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) override;
	void timer_expire_exit(const Machine& m, uint32_t cpu, uint64_t timer) override;
	void printk(const Machine& m, uint32_t cpu, const LogRecord& record) override;
	void cpu_stepped(const Machine& m, uint32_t cpu) override;
	void native_step(const Machine& m, uint32_t cpu, TaskId t) override;
	void native_return(const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret) override;
	void builtin_entry(const Machine& m, uint32_t cpu, TaskId t, uint32_t id, std::span<const uint64_t> args) override;
	void builtin_return(const Machine& m, uint32_t cpu, TaskId t, uint64_t value) override;
	void vm_entry(const Machine& m, uint32_t cpu, TaskId t, std::span<const uint64_t> args) override;
	void vm_return(const Machine& m, uint32_t cpu, TaskId t, int64_t ret) override;
	// To those that watch that code; the costs of all of them, summed.
	void vm_insn(const Machine& m, uint32_t cpu, TaskId t, const vm::Thread& thread, bool user) override;
	// When any observer that watches user code watches that program.
	[[nodiscard]] bool watches_program(const vm::Program* program) const override;
	[[nodiscard]] uint64_t take_cost_ns(uint32_t cpu) override;

private:
	std::vector<Hooks*> m_all;
	std::vector<Hooks*> m_functions;   // those of m_all that want the function events
};

}  // namespace kctx::kernel
