// The scheduler: per-CPU run queues with CFS's rules (kernel/sched/fair.c, 6.1), and
// __schedule() with schedule_debug() (kernel/sched/core.c).
#include <algorithm>

#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/sched/RunQueues.h"

namespace kctx::kernel {

void Kernel::enqueue_task(TaskId t, uint32_t cpu)
{
	Task& task = m.tasks[t];
	KCTX_CHECK(!task.sched.on_rq);
	task.cpu = cpu;
	task.sched.on_rq = true;
	m.cpus[cpu].sched.rq.push_back(t);
	sync_task_struct(t);
}

void Kernel::resched_curr(uint32_t cpu, uint32_t from_cpu)
{
	// resched_curr(): set TIF_NEED_RESCHED; a remote CPU (cpu != from_cpu, the CPU doing
	// this) gets a reschedule IPI.
	Cpu& c = m.cpus[cpu];
	Task& cur = m.tasks[c.curr];
	if (cur.sched.need_resched)
		return;
	cur.sched.need_resched = true;
	if (cpu != from_cpu && c.curr != c.idle)
		c.sched.wakeup_at = std::min(c.sched.wakeup_at, std::max(c.now, m.cpus[from_cpu].now));
	if (c.curr == c.idle) {
		// An idle CPU that is behind the waker has had nothing to do meanwhile: bring
		// its clock up so the woken task cannot run before it was woken.
		if (cpu != from_cpu && c.now < m.cpus[from_cpu].now)
			c.now = m.cpus[from_cpu].now;
		c.sched.wakeup_at = std::min(c.sched.wakeup_at, c.now);
	}
}

void Kernel::scheduler_tick(uint32_t cpu)
{
	// task_tick_fair() -> update_curr(), check_preempt_tick().
	RunQueues rq = runqueues();
	rq.update_curr(cpu);
	if (rq.tick_preempts(cpu))
		resched_curr(cpu, cpu);
}

bool Kernel::wake_up_process(TaskId t, uint32_t from_cpu, uint32_t state_mask)
{
	// try_to_wake_up(): only a task in one of `state_mask`'s sleep states wakes.
	Task& task = m.tasks[t];
	if (task.exited || !(task.state & state_mask))
		return false;
	set_task_state(t, abi::TASK_RUNNING);
	if (task.sched.on_rq)
		return true;   // it had not gone to sleep yet (set_current_state ... wake_up ... schedule)
	RunQueues rq = runqueues();
	uint32_t cpu = rq.select_cpu(t, from_cpu, false);
	// set_task_cpu(): a task woken onto another CPU than its last migrates.
	if (m_hooks && task.cpu != cpu)
		m_hooks->sched_migrate_task(m, from_cpu, t, cpu);
	rq.place_woken(t, cpu);
	enqueue_task(t, cpu);
	if (m_hooks)
		m_hooks->sched_wakeup(m, from_cpu, t, cpu);
	if (rq.wakeup_preempts(t, cpu))
		resched_curr(cpu, from_cpu);
	return true;
}

void Kernel::push_schedule(TaskId t)
{
	push_native(t, run::Schedule{}, current_stack_kind(t));
}

void Kernel::schedule_debug(uint32_t cpu, TaskId prev)
{
	// schedule_debug(): in_atomic_preempt_off() -> __schedule_bug(), then
	// preempt_count_set(PREEMPT_DISABLED) and carry on.
	if (m.cpus[cpu].preempt_count == abi::PREEMPT_DISABLED)
		return;
	schedule_bug(cpu, prev);
	m.cpus[cpu].preempt_count = abi::PREEMPT_DISABLED;
}

void Kernel::context_switch(uint32_t cpu, TaskId prev, TaskId next)
{
	Cpu& c = m.cpus[cpu];
	c.curr = next;
	Task& n = m.tasks[next];
	n.cpu = cpu;
	n.sched.exec_start = c.now;
	n.sched.slice_start_sum = n.sched.sum_exec;
	sync_task_struct(next);
}

void Kernel::step_schedule(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	bool idle = t == c.idle;
	auto& r = f.as<run::Schedule>();
	using R = run::Schedule::Resume;
	switch (r.resume) {
	case R::Pick: {
		// schedule(): preempt_disable(); __schedule(SM_NONE). The idle task enters
		// through schedule_idle(), already at PREEMPT_DISABLED.
		if (!idle)
			c.preempt_count += 1;
		schedule_debug(cpu, t);
		set_irqs(cpu, t, false, "__schedule+0x9b/0xa00");
		c.preempt_count += 1;   // rq_lock()
		runqueues().update_curr(cpu);
		Task& prev = m.tasks[t];
		uint32_t prev_state = prev.state;
		bool preempt = r.mode == run::Schedule::Mode::Preempt;
		if (!preempt && prev_state != abi::TASK_RUNNING && idle) {
			// kernel/sched/idle.c dequeue_task_idle(): the idle task cannot sleep.
			printk(cpu, "\0013bad: scheduling from the idle thread!\n");
			dump_stack(cpu, std::vector<std::string>{"dequeue_task_idle+0x28/0x40", "__schedule+0x3ad/0xa00"});
			set_task_state(t, abi::TASK_RUNNING);
		}
		if (!preempt && prev_state != abi::TASK_RUNNING && !idle) {
			if (signal_pending_state(prev_state, t)) {
				set_task_state(t, abi::TASK_RUNNING);
			} else {
				runqueues().dequeue(t);
			}
		}
		TaskId next = runqueues().pick_next(cpu);
		prev.sched.need_resched = false;
		charge(cpu, m_config.costs.switch_ns);
		r.resume = R::Switched;
		if (next == t)
			return;
		c.sched.nr_switches++;
		if (!preempt && prev_state != abi::TASK_RUNNING)
			prev.sched.nvcsw++;
		else
			prev.sched.nivcsw++;
		sync_task_struct(t);
		context_switch(cpu, t, next);
		if (m_hooks)
			m_hooks->sched_switch(m, cpu, preempt, t, next, preempt ? abi::TASK_RUNNING : prev_state);
		// finish_task_switch(): a dead task's last switch drops its reference.
		if (prev_state == abi::TASK_DEAD)
			put_task_struct(t);
		return;
	}
	case R::Switched:
		// finish_task_switch(): rq unlock with irqs on; then schedule()'s
		// sched_preempt_enable_no_resched(), and again while need_resched().
		c.preempt_count -= 1;
		set_irqs(cpu, t, true, "finish_task_switch.isra.0+0x9b/0x2e0");
		if (!idle)
			c.preempt_count -= 1;
		if (m.tasks[t].sched.need_resched && !idle) {
			r.resume = R::Pick;
			return;
		}
		pop_frame(t, 0);
		return;
	}
	KCTX_UNREACHABLE();
}

void trace_schedule(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("schedule+0x5a/0xd0");
}

}  // namespace kctx::kernel
