#include "probe/attach/KernelProbes.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fnmatch.h>

#include "probe/attach/EventContext.h"
#include "trace/Syscalls.h"

namespace kctx::probe {

KernelProbes::KernelProbes(Session& session, const kernel::Kernel& k, const kernel::Code* code)
	: m_session(session), m_kernel(k), m_by_event(kEventCount), m_has_alias(kEventCount, false), m_code(code)
{
	index_functions();
	index_code();
	m_cost.assign(k.machine().cpus.size(), 0);
	for (size_t i = 0; i < session.sites().size(); i++) {
		size_t e = static_cast<size_t>(session.sites()[i].event);
		m_by_event[e].push_back(i);
		if (session.sites()[i].alias != Alias::None)
			m_has_alias[e] = true;
	}
}

void KernelProbes::start(uint32_t cpu, kernel::TaskId task)
{
	EventContext ctx(m_kernel, cpu, task, m_code, &m_symbols);
	m_session.start(ctx);
	// stap's task finder attaches to the processes already running when the session
	// starts and reports each as begun (and each of their other threads as a thread
	// begun), in that process's context.
	for (size_t i = 0; i < m_kernel.machine().tasks.size() && m_session.running(); i++) {
		auto t = static_cast<kernel::TaskId>(i);
		const kernel::Task& p = m_kernel.machine().tasks[t];
		if (p.unused || p.exited || !p.user)
			continue;
		dispatch_process(p.pid == p.tgid ? Event::ProcessBegin : Event::ThreadBegin,
				 EventContext(m_kernel, p.cpu, t, m_code, &m_symbols), t);
	}
	uint64_t now = m_kernel.machine().cpus[cpu].now;
	uint64_t tick = 1'000'000'000ull / m_kernel.config().hz;
	for (size_t i = 0; i < m_session.sites().size(); i++) {
		const ProbeSite& s = m_session.sites()[i];
		if (s.event == Event::Timer)
			m_timers.push_back({i, now + s.period_ns, s.period_ns, false});
		// timer.profile fires on each CPU's tick; kctx fires it at tick boundaries.
		if (s.event == Event::Profile)
			m_timers.push_back({i, (now / tick + 1) * tick, tick, true});
	}
}

uint64_t KernelProbes::next_timer() const
{
	uint64_t next = ~0ull;
	for (const Timer& t : m_timers)
		next = std::min(next, t.next);
	return next;
}

void KernelProbes::fire_timers(uint64_t now)
{
	while (m_session.running()) {
		auto due = std::min_element(m_timers.begin(), m_timers.end(),
					    [](const Timer& a, const Timer& b) { return a.next < b.next; });
		if (due == m_timers.end() || due->next > now)
			return;
		if (due->profile) {
			for (uint32_t c = 0; c < m_kernel.machine().cpus.size(); c++)
				hit(due->site, EventContext(m_kernel, c, kernel::kNoTask, m_code, &m_symbols));
		} else {
			hit(due->site, EventContext(m_kernel, 0, kernel::kNoTask, m_code, &m_symbols));
		}
		due->next += due->period;
	}
}

void KernelProbes::stop()
{
	m_session.stop(EventContext(m_kernel, 0, kernel::kNoTask, m_code, &m_symbols));
}

void KernelProbes::dispatch(Event e, const EventContext& ctx, const std::string& syscall)
{
	for (size_t i : m_by_event[static_cast<size_t>(e)]) {
		const ProbeSite& s = m_session.sites()[i];
		if (!s.syscall.empty() && fnmatch(s.syscall.c_str(), syscall.c_str(), 0) != 0)
			continue;
		hit(i, ctx);
	}
}

bool KernelProbes::watches_process(const ProbeSite& s, kernel::TaskId t) const
{
	const kernel::Task& task = m_kernel.machine().tasks[t];
	// Only user processes: the task finder passes over kernel threads (no mm).
	if (!task.user || (s.target_pid >= 0 && task.tgid != s.target_pid))
		return false;
	if (!s.program)
		return true;
	const std::vector<vm::Image>& images = m_kernel.images();
	return task.user->image < images.size() && images[task.user->image].program == s.program;
}

void KernelProbes::dispatch_process(Event e, const EventContext& ctx, kernel::TaskId t)
{
	for (size_t i : m_by_event[static_cast<size_t>(e)])
		if (watches_process(m_session.sites()[i], t))
			hit(i, ctx);
}

void KernelProbes::sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
				kernel::TaskId next, uint32_t prev_state)
{
	if (!m_by_event[static_cast<size_t>(Event::SchedSwitch)].empty())
		switch_out(m, cpu, preempt, prev, next, prev_state);
	// scheduler.cpu_on (finish_task_switch()): in next, after the switch. Its `idle` is
	// whether the task switched to is the idle task, as cpu_off's is whether prev was.
	if (!m_by_event[static_cast<size_t>(Event::CpuOn)].empty()) {
		EventContext on(m_kernel, cpu, next, m_code, &m_symbols);
		on.local("task_prev", Value::of(static_cast<int64_t>(m.tasks[prev].task_struct_addr)));
		on.local("idle", Value::of(int64_t{m.cpus[cpu].idle == next}));
		dispatch(Event::CpuOn, on);
	}
}

// sched:sched_switch and the aliases over it, in prev's context before the switch.
void KernelProbes::switch_out(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			      kernel::TaskId next, uint32_t prev_state)
{
	// The tracepoint fires in __schedule() before the switch, in prev's context.
	EventContext ctx(m_kernel, cpu, prev, m_code, &m_symbols);
	ctx.arg("preempt", preempt);
	ctx.task_arg("prev", prev);
	ctx.task_arg("next", next);
	ctx.arg("prev_state", prev_state);
	const kernel::Task& p = m.tasks[prev];
	const kernel::Task& n = m.tasks[next];
	if (!m_has_alias[static_cast<size_t>(Event::SchedSwitch)]) {
		dispatch(Event::SchedSwitch, ctx);
		return;
	}
	// scheduler.ctxswitch's locals (tapset/linux/scheduler.stp).
	ctx.local("prev_task", Value::of(static_cast<int64_t>(p.task_struct_addr)));
	ctx.local("next_task", Value::of(static_cast<int64_t>(n.task_struct_addr)));
	ctx.local("prev_pid", Value::of(int64_t{p.tgid}));
	ctx.local("prev_tid", Value::of(int64_t{p.pid}));
	ctx.local("prev_task_name", Value::of(p.comm));
	ctx.local("prev_priority", Value::of(int64_t{EventContext::prio(p)}));
	ctx.local("prevtsk_state", Value::of(int64_t{prev_state}));
	ctx.local("next_pid", Value::of(int64_t{n.tgid}));
	ctx.local("next_tid", Value::of(int64_t{n.pid}));
	ctx.local("next_task_name", Value::of(n.comm));
	ctx.local("next_priority", Value::of(int64_t{EventContext::prio(n)}));
	ctx.local("nexttsk_state", Value::of(int64_t{n.state}));
	// scheduler.cpu_off's.
	ctx.local("task_prev", Value::of(static_cast<int64_t>(p.task_struct_addr)));
	ctx.local("task_next", Value::of(static_cast<int64_t>(n.task_struct_addr)));
	ctx.local("idle", Value::of(int64_t{m.cpus[cpu].idle == prev}));
	dispatch(Event::SchedSwitch, ctx);
}

void KernelProbes::sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu)
{
	if (m_by_event[static_cast<size_t>(Event::SchedWakeup)].empty())
		return;
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.task_arg("p", t);
	const kernel::Task& w = m.tasks[t];
	ctx.local("task", Value::of(static_cast<int64_t>(w.task_struct_addr)));
	ctx.local("task_pid", Value::of(int64_t{w.tgid}));
	ctx.local("task_tid", Value::of(int64_t{w.pid}));
	ctx.local("task_priority", Value::of(int64_t{EventContext::prio(w)}));
	ctx.local("task_cpu", Value::of(int64_t{target_cpu}));
	ctx.local("task_state", Value::of(int64_t{w.state}));
	dispatch(Event::SchedWakeup, ctx);
}

void KernelProbes::sched_migrate_task(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t dest_cpu)
{
	if (m_by_event[static_cast<size_t>(Event::SchedMigrate)].empty())
		return;
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.task_arg("p", t);
	ctx.arg("dest_cpu", dest_cpu);
	// tapset/linux/scheduler.stp scheduler.migrate's locals.
	const kernel::Task& w = m.tasks[t];
	ctx.local("task", Value::of(static_cast<int64_t>(w.task_struct_addr)));
	ctx.local("pid", Value::of(int64_t{w.tgid}));
	ctx.local("priority", Value::of(int64_t{EventContext::prio(w)}));
	ctx.local("cpu_from", Value::of(int64_t{w.cpu}));
	ctx.local("cpu_to", Value::of(int64_t{dest_cpu}));
	dispatch(Event::SchedMigrate, ctx);
}

void KernelProbes::sched_process_exec(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t)
{
	// kctx's fork and exec are one step: the new process begins here.
	dispatch_process(m.tasks[t].pid == m.tasks[t].tgid ? Event::ProcessBegin : Event::ThreadBegin,
			 EventContext(m_kernel, cpu, t, m_code, &m_symbols), t);
	if (m_by_event[static_cast<size_t>(Event::SchedProcessExec)].empty())
		return;
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	ctx.task_arg("p", t);
	ctx.arg("old_pid", m.tasks[t].pid);
	dispatch(Event::SchedProcessExec, ctx);
}

void KernelProbes::sched_process_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t)
{
	dispatch_process(m.tasks[t].pid == m.tasks[t].tgid ? Event::ProcessEnd : Event::ThreadEnd,
			 EventContext(m_kernel, cpu, t, m_code, &m_symbols), t);
	if (m_by_event[static_cast<size_t>(Event::SchedProcessExit)].empty())
		return;
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	ctx.task_arg("p", t);
	// tapset/linux/scheduler.stp scheduler.process_exit's locals.
	const kernel::Task& w = m.tasks[t];
	ctx.local("task", Value::of(static_cast<int64_t>(w.task_struct_addr)));
	ctx.local("pid", Value::of(int64_t{w.tgid}));
	ctx.local("priority", Value::of(int64_t{EventContext::prio(w)}));
	dispatch(Event::SchedProcessExit, ctx);
}

void KernelProbes::sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
			     std::span<const uint64_t> args)
{
	if (!m_by_event[static_cast<size_t>(Event::ProcessSyscall)].empty()) {
		// process.syscall: $syscall and the six argument registers as the task passed them.
		EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
		const trace::SyscallInfo* info = trace::find_syscall(syscall);
		ctx.arg("syscall", info ? info->nr : syscall);
		std::array<uint64_t, 6> regs{};
		if (info)
			regs = trace::syscall_args(*info, args, m.tasks[t].tgid, m.tasks[t].pid);
		for (size_t i = 0; i < regs.size(); i++)
			ctx.arg(fmt::format("arg{}", i + 1), static_cast<int64_t>(regs[i]));
		dispatch_process(Event::ProcessSyscall, ctx, t);
	}
	if (m_by_event[static_cast<size_t>(Event::SysEnter)].empty())
		return;
	const trace::SyscallInfo* info = trace::find_syscall(syscall);
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	std::string name = info ? std::string(info->name) : fmt::format("syscall_{}", syscall);
	ctx.arg("id", info ? info->nr : syscall);
	std::string argstr;
	if (info) {
		std::array<uint64_t, 6> vals = trace::syscall_args(*info, args, m.tasks[t].tgid, m.tasks[t].pid);
		for (size_t i = 0; i < info->nargs(); i++)
			argstr += fmt::format("{}{}", i ? ", " : "", static_cast<int64_t>(vals[i]));
	}
	ctx.local("name", Value::of(name));
	ctx.local("syscall_nr", Value::of(int64_t{info ? info->nr : syscall}));
	ctx.local("argstr", Value::of(argstr));
	dispatch(Event::SysEnter, ctx, name);
}

void KernelProbes::sys_exit(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, uint32_t syscall, int64_t ret)
{
	const trace::SyscallInfo* info = trace::find_syscall(syscall);
	if (!m_by_event[static_cast<size_t>(Event::ProcessSyscallReturn)].empty()) {
		EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
		ctx.arg("syscall", info ? info->nr : syscall);
		ctx.arg("return", ret);
		dispatch_process(Event::ProcessSyscallReturn, ctx, t);
	}
	if (m_by_event[static_cast<size_t>(Event::SysExit)].empty())
		return;
	EventContext ctx(m_kernel, cpu, t, m_code, &m_symbols);
	std::string name = info ? std::string(info->name) : fmt::format("syscall_{}", syscall);
	ctx.arg("id", info ? info->nr : syscall);
	ctx.arg("ret", ret);
	ctx.local("name", Value::of(name));
	ctx.local("retval", Value::of(ret));
	ctx.local("retstr", Value::of(std::to_string(ret)));
	dispatch(Event::SysExit, ctx, name);
}

namespace {

// The action of line `irq` named `name`, which the kernel is about to run.
kernel::IrqAction irq_action(const kernel::Machine& m, uint32_t irq, const std::string& name)
{
	if (irq < m.irq.descs.size())
		for (const kernel::IrqAction& a : m.irq.descs[irq].actions)
			if (a.name == name)
				return a;
	return {};
}

// The irq_handler aliases' locals, which tapset/linux/irq.stp reads from $action.
template <typename Ctx> void irq_action_locals(Ctx& ctx, uint32_t irq, const kernel::IrqAction& a)
{
	ctx.local("irq", Value::of(int64_t{irq}));
	// dev_name is $action->name, the module's devname string: kernel_string() reads it.
	ctx.local("dev_name", Value::of(static_cast<int64_t>(a.name_addr)));
	ctx.local("dev_id", Value::of(static_cast<int64_t>(a.dev_id)));
	ctx.local("handler", Value::of(static_cast<int64_t>(a.handler)));
	ctx.local("flags", Value::of(static_cast<int64_t>(a.flags)));
}

}  // namespace

// irq:irq_handler_entry / exit: around each action of a device line (kernel/irq/handle.c
// __handle_irq_event_percpu()); the local APIC timer and IPIs have none.
void KernelProbes::irq_handler_entry(const kernel::Machine& m, uint32_t cpu, uint32_t irq, const std::string& name)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	kernel::IrqAction a = irq_action(m, irq, name);
	ctx.arg("irq", irq);
	irq_action_locals(ctx, irq, a);
	// Hard interrupts do not nest: the exit on this CPU is this action's.
	m_irq_actions[cpu] = a;
	dispatch(Event::IrqEntry, ctx);
}

void KernelProbes::irq_handler_exit(const kernel::Machine&, uint32_t cpu, uint32_t irq, uint32_t ret)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.arg("irq", irq);
	ctx.arg("ret", ret);
	irq_action_locals(ctx, irq, m_irq_actions[cpu]);
	ctx.local("ret", Value::of(int64_t{ret}));
	dispatch(Event::IrqExit, ctx);
}

void KernelProbes::softirq_entry(const kernel::Machine&, uint32_t cpu, uint32_t vec)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.arg("vec_nr", vec);
	ctx.local("vec_nr", Value::of(int64_t{vec}));
	dispatch(Event::SoftirqEntry, ctx);
}

void KernelProbes::softirq_exit(const kernel::Machine&, uint32_t cpu, uint32_t vec)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.arg("vec_nr", vec);
	ctx.local("vec_nr", Value::of(int64_t{vec}));
	dispatch(Event::SoftirqExit, ctx);
}

void KernelProbes::timer_expire_entry(const kernel::Machine&, uint32_t cpu, uint64_t timer, uint64_t)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.arg("timer", static_cast<int64_t>(timer));
	ctx.arg("baseclk", static_cast<int64_t>(m_kernel.cpu_jiffies(cpu)));
	dispatch(Event::TimerExpireEntry, ctx);
}

void KernelProbes::timer_expire_exit(const kernel::Machine&, uint32_t cpu, uint64_t timer)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask, m_code, &m_symbols);
	ctx.arg("timer", static_cast<int64_t>(timer));
	dispatch(Event::TimerExpireExit, ctx);
}

}  // namespace kctx::probe
