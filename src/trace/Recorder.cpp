#include "trace/Recorder.h"

#include <algorithm>

#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Images.h"
#include "kernel/debug/CallTrace.h"
#include "vm/Interpreter.h"

namespace kctx::trace {

uint32_t category_of(EventKind kind)
{
	switch (kind) {
	case EventKind::SchedSwitch:
	case EventKind::SchedWakeup: return kCategorySched;
	case EventKind::SysEnter:
	case EventKind::SysExit: return kCategorySyscalls;
	case EventKind::IrqEntry:
	case EventKind::IrqExit:
	case EventKind::SoftirqEntry:
	case EventKind::SoftirqExit: return kCategoryIrq;
	case EventKind::TimerExpireEntry:
	case EventKind::TimerExpireExit: return kCategoryTimer;
	case EventKind::Console: return kCategoryPrintk;
	case EventKind::Context:
	case EventKind::Report: return kCategoryContext;
	}
	KCTX_UNREACHABLE();
}

TaskInfo task_info(const kernel::Task& t)
{
	// TASK_COMM_LEN is 16 with the NUL: ftrace never shows more than 15 characters.
	return TaskInfo{t.comm.substr(0, 15), t.pid, t.tgid, 120};
}

ContextFlags context_flags(const kernel::Cpu& c, const kernel::Task* current)
{
	// kernel/trace/trace.c tracing_gen_ctx_irq_test(). The tracepoint's own
	// preempt_disable_notrace() is taken back out by tracing_gen_ctx_dec() (6.1 has
	// CONFIG_PREEMPTION through PREEMPT_DYNAMIC), so the depth is the traced code's.
	uint32_t pc = c.preempt_count;
	ContextFlags f;
	f.irqs_off = !c.irqs_enabled;
	f.nmi = pc & abi::NMI_MASK;
	f.hardirq = pc & abi::HARDIRQ_MASK;
	f.softirq = abi::in_serving_softirq(pc);
	f.bh_off = (pc & abi::SOFTIRQ_MASK) >> 9;
	f.need_resched = current && current->sched.need_resched;
	f.preempt_depth = static_cast<uint8_t>(std::min<uint32_t>(pc & abi::PREEMPT_MASK, 0xf));
	return f;
}

Recorder::Recorder(const kernel::Config& config) : m_config(config) {}

void Recorder::add_sink(Sink* sink)
{
	m_sinks.push_back(sink);
	m_categories |= sink->categories();
}

void Recorder::start(const kernel::Machine& m)
{
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		const kernel::Cpu& c = m.cpus[cpu];
		if (c.curr == kernel::kNoTask)
			continue;
		TaskInfo curr = task_info(m.tasks[c.curr]);
		for (Sink* s : m_sinks)
			s->cpu_start(cpu, c.now, curr);
	}
	m_findings = m.findings;
	m_console_mark = m.printk.console_flushed + m.printk.console.size();
	if (m_categories & kCategoryContext)
		for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++)
			observe_context(m, cpu);
}

void Recorder::finish(const kernel::Machine& m)
{
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++)
		for (Sink* s : m_sinks)
			s->cpu_end(cpu, m.cpus[cpu].now);
}

Event Recorder::make(const kernel::Machine& m, EventKind kind, uint32_t cpu, kernel::TaskId current) const
{
	const kernel::Cpu& c = m.cpus[cpu];
	const kernel::Task* t = current < m.tasks.size() ? &m.tasks[current] : nullptr;
	Event e;
	e.kind = kind;
	e.cpu = cpu;
	e.ts = c.now;
	e.console_pos = m.printk.console_flushed + m.printk.console.size();
	if (t)
		e.task = task_info(*t);
	e.flags = context_flags(c, t);
	return e;
}

void Recorder::emit(const Event& e)
{
	uint32_t cat = category_of(e.kind);
	for (Sink* s : m_sinks)
		if (s->categories() & cat)
			s->event(e);
}

void Recorder::sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			    kernel::TaskId next, uint32_t prev_state)
{
	if (!wanted(EventKind::SchedSwitch))
		return;
	// The tracepoint fires in __schedule() while prev is still current; the kernel calls
	// the hook just after, so the line is prev's.
	Event e = make(m, EventKind::SchedSwitch, cpu, prev);
	const kernel::Task& p = m.tasks[prev];
	e.other = task_info(m.tasks[next]);
	e.prev_state = prev_state;
	// A preempted task shows as R+ whatever its state, one that yielded as plain R.
	e.preempted = preempt;
	// do_exit() has set exit_state by the task's last switch: it reports as Z (EXIT_ZOMBIE),
	// not by its TASK_DEAD (include/linux/sched.h __task_state_index()). kctx's parents
	// always reap, so the autoreaped X does not arise.
	e.prev_exiting = p.exited;
	emit(e);
}

void Recorder::sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu)
{
	if (!wanted(EventKind::SchedWakeup))
		return;
	Event e = make(m, EventKind::SchedWakeup, cpu, m.cpus[cpu].curr);
	e.other = task_info(m.tasks[t]);
	e.target_cpu = target_cpu;
	emit(e);
}

void Recorder::sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
			 std::span<const uint64_t> args)
{
	if (!wanted(EventKind::SysEnter))
		return;
	Event e = make(m, EventKind::SysEnter, cpu, t);
	e.syscall = syscall;
	std::copy_n(args.begin(), std::min(args.size(), e.args.size()), e.args.begin());
	emit(e);
}

void Recorder::sys_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
			int64_t ret)
{
	if (!wanted(EventKind::SysExit))
		return;
	Event e = make(m, EventKind::SysExit, cpu, t);
	e.syscall = syscall;
	e.ret = ret;
	emit(e);
}

namespace {
uint32_t x86_vector(uint32_t hook_vector)
{
	return hook_vector == 0 ? kLocalTimerVector : hook_vector == 1 ? kRescheduleVector : hook_vector;
}
}  // namespace

void Recorder::irq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vector)
{
	if (!wanted(EventKind::IrqEntry))
		return;
	Event e = make(m, EventKind::IrqEntry, cpu, m.cpus[cpu].curr);
	e.vector = x86_vector(vector);
	emit(e);
}

void Recorder::irq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vector)
{
	if (!wanted(EventKind::IrqExit))
		return;
	Event e = make(m, EventKind::IrqExit, cpu, m.cpus[cpu].curr);
	e.vector = x86_vector(vector);
	emit(e);
}

// A device line's action: the irq number in `vector` (below the x86 system vectors, so
// the printer tells them apart), the action's name in `symbol`, irqreturn_t in `ret`.
void Recorder::irq_handler_entry(const kernel::Machine& m, uint32_t cpu, uint32_t irq, const std::string& name)
{
	if (!wanted(EventKind::IrqEntry))
		return;
	Event e = make(m, EventKind::IrqEntry, cpu, m.cpus[cpu].curr);
	e.vector = irq;
	e.symbol = name;
	emit(e);
}

void Recorder::irq_handler_exit(const kernel::Machine& m, uint32_t cpu, uint32_t irq, uint32_t ret)
{
	if (!wanted(EventKind::IrqExit))
		return;
	Event e = make(m, EventKind::IrqExit, cpu, m.cpus[cpu].curr);
	e.vector = irq;
	e.ret = ret;
	emit(e);
}

void Recorder::softirq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vec)
{
	if (!wanted(EventKind::SoftirqEntry))
		return;
	Event e = make(m, EventKind::SoftirqEntry, cpu, m.cpus[cpu].curr);
	e.vector = vec;
	emit(e);
}

void Recorder::softirq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vec)
{
	if (!wanted(EventKind::SoftirqExit))
		return;
	Event e = make(m, EventKind::SoftirqExit, cpu, m.cpus[cpu].curr);
	e.vector = vec;
	emit(e);
}

std::string Recorder::function_name(const kernel::Machine& m, uint64_t address) const
{
	if (!m_images)
		return fmt::format("{:#x}", address);
	// %ps is %pS without the offset: "cst_timer_handler [cst]" for "cst_timer_handler+0x0/0x9c [cst]".
	std::string s = kernel::symbolize_address(m, *m_images, address);
	size_t plus = s.find('+');
	if (plus == std::string::npos)
		return s;
	size_t space = s.find(' ', plus);
	return s.substr(0, plus) + (space == std::string::npos ? "" : s.substr(space));
}

void Recorder::timer_expire_entry(const kernel::Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn)
{
	if (!wanted(EventKind::TimerExpireEntry))
		return;
	Event e = make(m, EventKind::TimerExpireEntry, cpu, m.cpus[cpu].curr);
	e.timer = timer;
	e.function = fn;
	e.symbol = function_name(m, fn);
	// include/linux/jiffies.h INITIAL_JIFFIES, as the kernel's jiffies_at() counts.
	uint64_t initial = static_cast<uint32_t>(-300 * static_cast<int32_t>(m_config.hz));
	e.now = initial + m.cpus[cpu].now / m_config.tick_ns();
	// kernel/time/timer.c expire_timers(): baseclk is the wheel's clk being run, the
	// bucket the timer sat in.
	auto it = m.time.timers.find(timer);
	e.baseclk = it != m.time.timers.end() ? it->second.bucket : e.now;
	emit(e);
}

void Recorder::timer_expire_exit(const kernel::Machine& m, uint32_t cpu, uint64_t timer)
{
	if (!wanted(EventKind::TimerExpireExit))
		return;
	Event e = make(m, EventKind::TimerExpireExit, cpu, m.cpus[cpu].curr);
	e.timer = timer;
	emit(e);
}

void Recorder::printk(const kernel::Machine& m, uint32_t cpu, const kernel::LogRecord& record)
{
	if (!wanted(EventKind::Console))
		return;
	Event e = make(m, EventKind::Console, cpu, m.cpus[cpu].curr);
	// printk_sprint() traces the text with its trailing newline stripped.
	e.text = record.text;
	if (!e.text.empty() && e.text.back() == '\n')
		e.text.pop_back();
	emit(e);
}

namespace {

// The part of the top frame the bands depend on: its kind, and for an interrupt or the
// softirq loop, where it is (hardirq or not; which vector is being served).
uint32_t top_key(const kernel::Task& t)
{
	if (t.kstack.empty())
		return 0xffff;
	const auto* nf = std::get_if<kernel::NativeFrame>(&t.kstack.back());
	if (!nf)
		return 0xfffe;
	uint32_t key = static_cast<uint32_t>(nf->fn()) << 16;
	if (nf->fn() == kernel::NativeFn::Interrupt)
		key |= static_cast<uint32_t>(nf->as<kernel::run::Interrupt>().resume);
	if (nf->fn() == kernel::NativeFn::Softirqs) {
		const auto& r = nf->as<kernel::run::Softirqs>();
		key |= static_cast<uint32_t>(r.resume) << 8 | (r.next_nr & 0xff);
	}
	return key;
}

}  // namespace

void Recorder::observe_context(const kernel::Machine& m, uint32_t cpu)
{
	if (m_seen.size() <= cpu)
		m_seen.resize(cpu + 1);
	SeenContext& seen = m_seen[cpu];
	const kernel::Cpu& c = m.cpus[cpu];
	const kernel::Task* t = c.curr < m.tasks.size() ? &m.tasks[c.curr] : nullptr;
	size_t frames = t ? t->kstack.size() : 0;
	uint32_t top = t ? top_key(*t) : 0;
	if (seen.curr == c.curr && seen.frames == frames && seen.top == top &&
	    seen.preempt_count == c.preempt_count && seen.irqs_enabled == c.irqs_enabled)
		return;
	bool counts_moved = seen.preempt_count != c.preempt_count || seen.irqs_enabled != c.irqs_enabled ||
			    seen.levels.empty();
	seen.curr = c.curr;
	seen.frames = frames;
	seen.top = top;
	seen.preempt_count = c.preempt_count;
	seen.irqs_enabled = c.irqs_enabled;
	std::vector<ContextLevel> levels = context_stack(m, cpu);
	if (levels == seen.levels && !counts_moved)
		return;
	seen.levels = levels;
	Event e = make(m, EventKind::Context, cpu, c.curr);
	e.context = std::move(levels);
	e.preempt_count = c.preempt_count;
	emit(e);
}

void Recorder::observe_reports(const kernel::Machine& m, uint32_t cpu)
{
	const kernel::Findings& now = m.findings;
	if (now == m_findings)
		return;
	// A report is printed within the one step that made it (a BUG by the builtin that
	// slept, an oops by the fault), so its lines are what this step added to the console.
	Event e = make(m, EventKind::Report, cpu, m.cpus[cpu].curr);
	e.console_start = m_console_mark;
	auto emit_each = [&](uint32_t before, uint32_t after, ReportKind kind) {
		for (uint32_t i = before; i < after; i++) {
			e.report = kind;
			emit(e);
		}
	};
	emit_each(m_findings.bugs, now.bugs, ReportKind::Bug);
	emit_each(m_findings.warnings, now.warnings, ReportKind::Warning);
	emit_each(m_findings.oopses, now.oopses, ReportKind::Oops);
	emit_each(m_findings.lockups, now.lockups, ReportKind::Lockup);
	emit_each(m_findings.panicked ? 1 : 0, now.panicked ? 1 : 0, ReportKind::Panic);
	m_findings = now;
}

void Recorder::cpu_stepped(const kernel::Machine& m, uint32_t cpu)
{
	if (!(m_categories & kCategoryContext))
		return;
	observe_context(m, cpu);
	observe_reports(m, cpu);
	m_console_mark = m.printk.console_flushed + m.printk.console.size();
}

}  // namespace kctx::trace
