#include "probe/attach/KernelProbes.h"

#include <algorithm>
#include <fmt/format.h>
#include <fnmatch.h>

#include "abi/Preempt.h"
#include "trace/Syscalls.h"

namespace kctx::probe {

namespace {

constexpr size_t kEvents = static_cast<size_t>(Event::TimerExpireExit) + 1;

}  // namespace

// One event as a handler sees it: the CPU it happened on, the task it ran in, the
// tracepoint's arguments and the tapset alias's locals.
class KernelProbes::EventContext final : public ProbeContext {
public:
	EventContext(const kernel::Kernel& k, uint32_t cpu, kernel::TaskId task)
		: m_k(k), m_m(k.machine()), m_cpu(cpu), m_task(task == kernel::kNoTask ? m_m.cpus[cpu].curr : task)
	{
	}

	void arg(std::string name, int64_t v) { m_args.emplace_back(std::move(name), Value::of(v)); }
	void task_arg(std::string name, kernel::TaskId t)
	{
		m_tasks.emplace_back(name, t);
		arg(std::move(name), static_cast<int64_t>(m_m.tasks[t].task_struct_addr));
	}
	void local(std::string name, Value v) { m_locals.emplace_back(std::move(name), std::move(v)); }

	std::string execname() const override { return task().comm; }
	int64_t pid() const override { return task().tgid; }
	int64_t tid() const override { return task().pid; }
	int64_t ppid() const override { return task().ppid; }
	int64_t cpu() const override { return m_cpu; }
	uint64_t now_ns() const override { return m_m.cpus[m_cpu].now; }
	int64_t jiffies() const override { return static_cast<int64_t>(m_k.cpu_jiffies(m_cpu)); }
	int64_t hz() const override { return m_k.config().hz; }
	int64_t online_cpus() const override { return static_cast<int64_t>(m_m.cpus.size()); }
	bool in_irq() const override
	{
		return (m_m.cpus[m_cpu].preempt_count & (abi::HARDIRQ_MASK | abi::SOFTIRQ_MASK | abi::NMI_MASK)) != 0;
	}
	// A task with nothing on its kernel stack is running its user program.
	bool user_mode() const override { return !task().kthread && task().kstack.empty(); }
	std::optional<Value> target(const std::string& name, std::span<const std::string> fields) const override
	{
		if (name == "$current")
			return Value::of(static_cast<int64_t>(task().task_struct_addr));
		if (!fields.empty()) {
			auto it = std::find_if(m_tasks.begin(), m_tasks.end(), [&](const auto& p) { return p.first == name; });
			if (it == m_tasks.end() || fields.size() != 1)
				return std::nullopt;
			return member(m_m.tasks[it->second], fields[0]);
		}
		for (const auto& [n, v] : m_args)
			if (n == name)
				return v;
		return std::nullopt;
	}
	std::vector<std::pair<std::string, Value>> alias_locals() const override { return m_locals; }
	std::optional<Value> task_member(int64_t addr, const std::string& field) const override
	{
		for (const kernel::Task& t : m_m.tasks) {
			if (t.unused || addr == 0 || t.task_struct_addr != static_cast<uint64_t>(addr))
				continue;
			if (field == "parent") {
				for (const kernel::Task& p : m_m.tasks)
					if (!p.unused && p.pid == t.ppid)
						return Value::of(static_cast<int64_t>(p.task_struct_addr));
				return Value::of(int64_t{0});
			}
			return member(t, field);
		}
		return std::nullopt;
	}

	// include/linux/sched.h: the task_struct members kctx mirrors.
	static std::optional<Value> member(const kernel::Task& t, const std::string& f)
	{
		if (f == "pid")
			return Value::of(int64_t{t.pid});
		if (f == "tgid")
			return Value::of(int64_t{t.tgid});
		if (f == "comm")
			return Value::of(t.comm);
		if (f == "prio")
			return Value::of(int64_t{prio(t)});
		if (f == "__state")
			return Value::of(int64_t{t.state});
		if (f == "on_cpu")
			return Value::of(int64_t{t.cpu});
		return std::nullopt;
	}
	// kctx runs every task at nice 0 (prio 120), the stoppers in the stop class.
	static int32_t prio(const kernel::Task& t) { return t.stop_class ? 0 : 120; }

	const kernel::Task& task_of(kernel::TaskId t) const { return m_m.tasks[t]; }

private:
	const kernel::Task& task() const { return m_m.tasks[m_task]; }

	const kernel::Kernel& m_k;
	const kernel::Machine& m_m;
	uint32_t m_cpu;
	kernel::TaskId m_task;
	std::vector<std::pair<std::string, Value>> m_args;
	std::vector<std::pair<std::string, kernel::TaskId>> m_tasks;
	std::vector<std::pair<std::string, Value>> m_locals;
};

KernelProbes::KernelProbes(Session& session, const kernel::Kernel& k)
	: m_session(session), m_kernel(k), m_by_event(kEvents), m_has_alias(kEvents, false)
{
	for (size_t i = 0; i < session.sites().size(); i++) {
		size_t e = static_cast<size_t>(session.sites()[i].event);
		m_by_event[e].push_back(i);
		if (session.sites()[i].alias != Alias::None)
			m_has_alias[e] = true;
	}
}

void KernelProbes::start()
{
	EventContext ctx(m_kernel, 0, kernel::kNoTask);
	m_session.start(ctx);
	uint64_t now = m_kernel.machine().cpus[0].now;
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
				m_session.fire(due->site, EventContext(m_kernel, c, kernel::kNoTask));
		} else {
			m_session.fire(due->site, EventContext(m_kernel, 0, kernel::kNoTask));
		}
		due->next += due->period;
	}
}

void KernelProbes::stop()
{
	m_session.stop(EventContext(m_kernel, 0, kernel::kNoTask));
}

void KernelProbes::dispatch(Event e, const EventContext& ctx, const std::string& syscall)
{
	for (size_t i : m_by_event[static_cast<size_t>(e)]) {
		const ProbeSite& s = m_session.sites()[i];
		if (!s.syscall.empty() && fnmatch(s.syscall.c_str(), syscall.c_str(), 0) != 0)
			continue;
		m_session.fire(i, ctx);
	}
}

void KernelProbes::sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
				kernel::TaskId next, uint32_t prev_state)
{
	if (m_by_event[static_cast<size_t>(Event::SchedSwitch)].empty())
		return;
	// The tracepoint fires in __schedule() before the switch, in prev's context.
	EventContext ctx(m_kernel, cpu, prev);
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
	dispatch(Event::SchedSwitch, ctx);
}

void KernelProbes::sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu)
{
	if (m_by_event[static_cast<size_t>(Event::SchedWakeup)].empty())
		return;
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
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

void KernelProbes::sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
			     std::span<const uint64_t> args)
{
	if (m_by_event[static_cast<size_t>(Event::SysEnter)].empty())
		return;
	const trace::SyscallInfo* info = trace::find_syscall(syscall);
	EventContext ctx(m_kernel, cpu, t);
	std::string name = info ? std::string(info->name) : fmt::format("syscall_{}", syscall);
	ctx.arg("id", info ? info->nr : syscall);
	std::string argstr;
	if (info) {
		std::array<uint64_t, 6> vals = trace::syscall_args(*info, args, m.tasks[t].tgid, m.tasks[t].pid);
		for (size_t i = 0; i < info->nargs(); i++)
			argstr += fmt::format("{}{}", i ? ", " : "", static_cast<int64_t>(vals[i]));
	}
	ctx.local("name", Value::of(name));
	ctx.local("argstr", Value::of(argstr));
	dispatch(Event::SysEnter, ctx, name);
}

void KernelProbes::sys_exit(const kernel::Machine&, uint32_t cpu, kernel::TaskId t, uint32_t syscall, int64_t ret)
{
	if (m_by_event[static_cast<size_t>(Event::SysExit)].empty())
		return;
	const trace::SyscallInfo* info = trace::find_syscall(syscall);
	EventContext ctx(m_kernel, cpu, t);
	std::string name = info ? std::string(info->name) : fmt::format("syscall_{}", syscall);
	ctx.arg("id", info ? info->nr : syscall);
	ctx.arg("ret", ret);
	ctx.local("name", Value::of(name));
	ctx.local("retval", Value::of(ret));
	ctx.local("retstr", Value::of(std::to_string(ret)));
	dispatch(Event::SysExit, ctx, name);
}

void KernelProbes::irq_entry(const kernel::Machine&, uint32_t cpu, uint32_t vector)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("irq", vector);
	ctx.local("irq", Value::of(int64_t{vector}));
	dispatch(Event::IrqEntry, ctx);
}

void KernelProbes::irq_exit(const kernel::Machine&, uint32_t cpu, uint32_t vector)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("irq", vector);
	ctx.arg("ret", 1);   // IRQ_HANDLED
	ctx.local("irq", Value::of(int64_t{vector}));
	dispatch(Event::IrqExit, ctx);
}

void KernelProbes::softirq_entry(const kernel::Machine&, uint32_t cpu, uint32_t vec)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("vec_nr", vec);
	ctx.local("vec_nr", Value::of(int64_t{vec}));
	dispatch(Event::SoftirqEntry, ctx);
}

void KernelProbes::softirq_exit(const kernel::Machine&, uint32_t cpu, uint32_t vec)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("vec_nr", vec);
	ctx.local("vec_nr", Value::of(int64_t{vec}));
	dispatch(Event::SoftirqExit, ctx);
}

void KernelProbes::timer_expire_entry(const kernel::Machine&, uint32_t cpu, uint64_t timer, uint64_t)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("timer", static_cast<int64_t>(timer));
	ctx.arg("baseclk", static_cast<int64_t>(m_kernel.cpu_jiffies(cpu)));
	dispatch(Event::TimerExpireEntry, ctx);
}

void KernelProbes::timer_expire_exit(const kernel::Machine&, uint32_t cpu, uint64_t timer)
{
	EventContext ctx(m_kernel, cpu, kernel::kNoTask);
	ctx.arg("timer", static_cast<int64_t>(timer));
	dispatch(Event::TimerExpireExit, ctx);
}

}  // namespace kctx::probe
