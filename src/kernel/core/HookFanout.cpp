#include "kernel/core/HookFanout.h"

#include <algorithm>

namespace kctx::kernel {

void HookFanout::set(std::vector<Hooks*> observers)
{
	m_all.clear();
	m_functions.clear();
	for (Hooks* h : observers) {
		if (!h)
			continue;
		m_all.push_back(h);
		if (h->wants_functions())
			m_functions.push_back(h);
	}
	m_wants_functions = !m_functions.empty();
	m_watch_module = m_watch_user = false;
	for (Hooks* h : m_all) {
		m_watch_module = m_watch_module || h->watches(false);
		m_watch_user = m_watch_user || h->watches(true);
	}
}

void HookFanout::vm_insn(const Machine& m, uint32_t cpu, TaskId t, const vm::Thread& thread, bool user)
{
	for (Hooks* h : m_all)
		if (h->watches(user))
			h->vm_insn(m, cpu, t, thread, user);
}

bool HookFanout::watches_program(const vm::Program* program) const
{
	return std::any_of(m_all.begin(), m_all.end(),
			   [&](const Hooks* h) { return h->watches(true) && h->watches_program(program); });
}

uint64_t HookFanout::take_cost_ns(uint32_t cpu)
{
	uint64_t ns = 0;
	for (Hooks* h : m_all)
		ns += h->take_cost_ns(cpu);
	return ns;
}

void HookFanout::sched_switch(const Machine& m, uint32_t cpu, bool preempt, TaskId prev, TaskId next,
			      uint32_t prev_state)
{
	for (Hooks* h : m_all)
		h->sched_switch(m, cpu, preempt, prev, next, prev_state);
}

void HookFanout::sched_migrate_task(const Machine& m, uint32_t cpu, TaskId t, uint32_t dest_cpu)
{
	for (Hooks* h : m_all)
		h->sched_migrate_task(m, cpu, t, dest_cpu);
}

void HookFanout::sched_process_exec(const Machine& m, uint32_t cpu, TaskId t)
{
	for (Hooks* h : m_all)
		h->sched_process_exec(m, cpu, t);
}

void HookFanout::sched_process_exit(const Machine& m, uint32_t cpu, TaskId t)
{
	for (Hooks* h : m_all)
		h->sched_process_exit(m, cpu, t);
}

void HookFanout::sched_wakeup(const Machine& m, uint32_t cpu, TaskId t, uint32_t target_cpu)
{
	for (Hooks* h : m_all)
		h->sched_wakeup(m, cpu, t, target_cpu);
}

void HookFanout::sys_enter(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, std::span<const uint64_t> args)
{
	for (Hooks* h : m_all)
		h->sys_enter(m, cpu, t, syscall, args);
}

void HookFanout::sys_exit(const Machine& m, uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret)
{
	for (Hooks* h : m_all)
		h->sys_exit(m, cpu, t, syscall, ret);
}

void HookFanout::irq_entry(const Machine& m, uint32_t cpu, uint32_t vector)
{
	for (Hooks* h : m_all)
		h->irq_entry(m, cpu, vector);
}

void HookFanout::irq_exit(const Machine& m, uint32_t cpu, uint32_t vector)
{
	for (Hooks* h : m_all)
		h->irq_exit(m, cpu, vector);
}

void HookFanout::irq_handler_entry(const Machine& m, uint32_t cpu, uint32_t irq, const std::string& name)
{
	for (Hooks* h : m_all)
		h->irq_handler_entry(m, cpu, irq, name);
}

void HookFanout::irq_handler_exit(const Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret)
{
	for (Hooks* h : m_all)
		h->irq_handler_exit(m, cpu, irq, ret);
}

void HookFanout::softirq_entry(const Machine& m, uint32_t cpu, uint32_t vec)
{
	for (Hooks* h : m_all)
		h->softirq_entry(m, cpu, vec);
}

void HookFanout::softirq_exit(const Machine& m, uint32_t cpu, uint32_t vec)
{
	for (Hooks* h : m_all)
		h->softirq_exit(m, cpu, vec);
}

void HookFanout::timer_expire_entry(const Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn)
{
	for (Hooks* h : m_all)
		h->timer_expire_entry(m, cpu, timer, fn);
}

void HookFanout::timer_expire_exit(const Machine& m, uint32_t cpu, uint64_t timer)
{
	for (Hooks* h : m_all)
		h->timer_expire_exit(m, cpu, timer);
}

void HookFanout::printk(const Machine& m, uint32_t cpu, const LogRecord& record)
{
	for (Hooks* h : m_all)
		h->printk(m, cpu, record);
}

void HookFanout::cpu_stepped(const Machine& m, uint32_t cpu)
{
	for (Hooks* h : m_all)
		h->cpu_stepped(m, cpu);
}

void HookFanout::native_step(const Machine& m, uint32_t cpu, TaskId t)
{
	for (Hooks* h : m_functions)
		h->native_step(m, cpu, t);
}

void HookFanout::native_return(const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret)
{
	for (Hooks* h : m_functions)
		h->native_return(m, cpu, t, fn, ret);
}

void HookFanout::builtin_entry(const Machine& m, uint32_t cpu, TaskId t, uint32_t id, std::span<const uint64_t> args)
{
	for (Hooks* h : m_functions)
		h->builtin_entry(m, cpu, t, id, args);
}

void HookFanout::builtin_return(const Machine& m, uint32_t cpu, TaskId t, uint64_t value)
{
	for (Hooks* h : m_functions)
		h->builtin_return(m, cpu, t, value);
}

void HookFanout::vm_entry(const Machine& m, uint32_t cpu, TaskId t, std::span<const uint64_t> args)
{
	for (Hooks* h : m_functions)
		h->vm_entry(m, cpu, t, args);
}

void HookFanout::vm_return(const Machine& m, uint32_t cpu, TaskId t, int64_t ret)
{
	for (Hooks* h : m_functions)
		h->vm_return(m, cpu, t, ret);
}

}  // namespace kctx::kernel
