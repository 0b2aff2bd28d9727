#include "trace/Ftrace.h"

#include <algorithm>

#include <fmt/format.h>

#include "abi/Preempt.h"
#include "base/Check.h"
#include "trace/Recorder.h"
#include "trace/Syscalls.h"

namespace kctx::trace {

namespace {

// kernel/softirq.c softirq_to_name[], as show_softirq_name() prints them.
constexpr std::string_view kSoftirqNames[] = {"HI",       "TIMER",   "NET_TX", "NET_RX",  "BLOCK",
					      "IRQ_POLL", "TASKLET", "SCHED",  "HRTIMER", "RCU"};

// The sched_switch TP_printk's __print_flags table, by bit: S D T t X Z P.
constexpr std::string_view kStateLetters[] = {"S", "D", "T", "t", "X", "Z", "P"};


// The x86 irq_vectors event for a system vector (arch/x86/include/asm/trace/irq_vectors.h).
std::string_view vector_event(uint32_t vector)
{
	switch (vector) {
	case kLocalTimerVector: return "local_timer";
	case kRescheduleVector: return "reschedule";
	default: return {};
	}
}

std::string sys_enter_payload(const Event& e)
{
	const SyscallInfo* info = find_syscall(e.syscall);
	if (!info)
		// raw_syscalls:sys_enter, for a call the table does not name.
		return fmt::format("sys_enter: NR {} ({:x}, {:x}, {:x}, {:x}, {:x}, {:x})", e.syscall,
				   e.args[0], e.args[1], e.args[2], e.args[3], e.args[4], e.args[5]);
	// kernel/trace/trace_syscalls.c __set_enter_print_fmt(): "NAME: 0x%08lx" per argument.
	std::array<uint64_t, 6> values = syscall_args(*info, e.args, e.task.tgid, e.task.pid);
	std::string out = fmt::format("sys_enter_{}:", info->name);
	std::span<const SyscallArg> args = info->args();
	for (size_t i = 0; i < args.size(); i++)
		out += fmt::format("{} {}: 0x{:08x}", i == 0 ? "" : ",", args[i].name, values[i]);
	return out;
}

std::string sys_exit_payload(const Event& e)
{
	const SyscallInfo* info = find_syscall(e.syscall);
	if (!info)
		return fmt::format("sys_exit: NR {} = {}", e.syscall, e.ret);
	// set_syscall_print_fmt(): "0x%lx" of the long return value.
	return fmt::format("sys_exit_{}: 0x{:x}", info->name, static_cast<uint64_t>(e.ret));
}

}  // namespace

std::string_view softirq_name(uint32_t vec)
{
	return vec < std::size(kSoftirqNames) ? kSoftirqNames[vec] : "?";
}

std::string format_flags(const ContextFlags& f)
{
	// trace_output.c trace_print_lat_fmt(). Need-resched is 'N': x86 sets the folded
	// PREEMPT_NEED_RESCHED bit together with TIF_NEED_RESCHED (resched_curr()).
	std::string s(5, '.');
	s[0] = f.irqs_off && f.bh_off ? 'D' : f.irqs_off ? 'd' : f.bh_off ? 'b' : '.';
	s[1] = f.need_resched ? 'N' : '.';
	s[2] = f.nmi && f.hardirq       ? 'Z'
	       : f.nmi                  ? 'z'
	       : f.hardirq && f.softirq ? 'H'
	       : f.hardirq              ? 'h'
	       : f.softirq              ? 's'
					: '.';
	if (f.preempt_depth)
		s[3] = "0123456789abcdef"[f.preempt_depth & 0xf];
	if (f.migrate_disable)
		s[4] = "0123456789abcdef"[f.migrate_disable & 0xf];
	return s;
}

std::string format_prev_state(uint32_t state, bool preempted, bool exiting)
{
	// include/trace/events/sched.h __trace_sched_switch_state() and the sched_switch
	// TP_printk: a preemption reports TASK_REPORT_MAX ("R+"); otherwise the state's
	// highest reportable bit, with exit_state folded in and TASK_IDLE shown as I.
	if (preempted)
		return "R+";
	if (exiting)
		return "Z";
	if ((state & abi::TASK_IDLE) == abi::TASK_IDLE)
		return "I";
	uint32_t report = state & 0x7f;   // TASK_REPORT
	if (!report)
		return "R";
	uint32_t top = 31 - static_cast<uint32_t>(__builtin_clz(report));
	return std::string(kStateLetters[top]);
}

std::string format_payload(const Event& e)
{
	switch (e.kind) {
	case EventKind::SchedSwitch:
		return fmt::format(
			"sched_switch: prev_comm={} prev_pid={} prev_prio={} prev_state={} ==> next_comm={} "
			"next_pid={} next_prio={}",
			e.task.comm, e.task.pid, e.task.prio,
			format_prev_state(e.prev_state, e.preempted, e.prev_exiting), e.other.comm,
			e.other.pid, e.other.prio);
	case EventKind::SchedWakeup:
		return fmt::format("sched_wakeup: comm={} pid={} prio={} target_cpu={:03}", e.other.comm,
				   e.other.pid, e.other.prio, e.target_cpu);
	case EventKind::SysEnter: return sys_enter_payload(e);
	case EventKind::SysExit: return sys_exit_payload(e);
	case EventKind::IrqEntry:
	case EventKind::IrqExit: {
		bool entry = e.kind == EventKind::IrqEntry;
		std::string_view name = vector_event(e.vector);
		if (!name.empty())
			return fmt::format("{}_{}: vector={}", name, entry ? "entry" : "exit", e.vector);
		// A device line's action: irq:irq_handler_entry/exit (include/trace/events/irq.h:
		// "irq=%d name=%s", "irq=%d ret=%s" with handled when the result is non-zero).
		return entry ? fmt::format("irq_handler_entry: irq={} name={}", e.vector, e.symbol.empty() ? "?" : e.symbol)
			     : fmt::format("irq_handler_exit: irq={} ret={}", e.vector, e.ret ? "handled" : "unhandled");
	}
	case EventKind::SoftirqEntry:
		return fmt::format("softirq_entry: vec={} [action={}]", e.vector, softirq_name(e.vector));
	case EventKind::SoftirqExit:
		return fmt::format("softirq_exit: vec={} [action={}]", e.vector, softirq_name(e.vector));
	case EventKind::TimerExpireEntry:
		// include/trace/events/timer.h: "timer=%p function=%ps now=%lu baseclk=%lu". kctx
		// prints the address itself where a real %p prints a hashed one.
		return fmt::format("timer_expire_entry: timer={:016x} function={} now={} baseclk={}", e.timer,
				   e.symbol, e.now, e.baseclk);
	case EventKind::TimerExpireExit: return fmt::format("timer_expire_exit: timer={:016x}", e.timer);
	case EventKind::Console: return fmt::format("console: {}", e.text);
	case EventKind::Context:
	case EventKind::Report:
		// No tracepoint's: the sinks that print ftrace lines never ask for them.
		break;
	}
	KCTX_UNREACHABLE();
}

std::string format_line(const Event& e)
{
	// trace_output.c trace_print_context(): "%16s-%-7d " comm-pid (trace_find_cmdline()
	// names pid 0 "<idle>"), "[%03d] ", the flags, " %5lu.%06lu: " with the time rounded
	// to the microsecond (ns2usecs()).
	std::string_view comm = e.task.pid == 0 ? std::string_view("<idle>") : std::string_view(e.task.comm);
	uint64_t us = (e.ts + 500) / 1000;
	return fmt::format("{:>16}-{:<7} [{:03}] {} {:5}.{:06}: {}", comm, e.task.pid, e.cpu,
			   format_flags(e.flags), us / 1000000, us % 1000000, format_payload(e));
}

void FtraceSink::event(const Event& e) { m_lines.push_back({e.console_pos, e.ts, format_line(e)}); }

std::string FtraceSink::take()
{
	std::string out;
	for (const Line& l : m_lines) {
		out += l.text;
		out += '\n';
	}
	m_lines.clear();
	return out;
}

std::string FtraceSink::take_sorted(uint64_t until_ns)
{
	// Stable: one CPU's events keep their order, and so do events at the same time.
	auto due_end = std::stable_partition(m_lines.begin(), m_lines.end(),
					     [&](const Line& l) { return l.ts <= until_ns; });
	std::stable_sort(m_lines.begin(), due_end, [](const Line& a, const Line& b) { return a.ts < b.ts; });
	std::string out;
	for (auto it = m_lines.begin(); it != due_end; ++it) {
		out += it->text;
		out += '\n';
	}
	m_lines.erase(m_lines.begin(), due_end);
	return out;
}

std::string FtraceSink::interleave(std::string_view console, bool with_console)
{
	std::string out;
	size_t used = 0;
	auto put_console = [&](size_t upto) {
		if (upto <= used)
			return;
		if (with_console) {
			out.append(console.substr(used, upto - used));
			m_at_line_start = console[upto - 1] == '\n';
		}
		used = upto;
	};
	for (const Line& l : m_lines) {
		uint64_t rel = l.console_pos > m_console_base ? l.console_pos - m_console_base : 0;
		put_console(static_cast<size_t>(std::min<uint64_t>(rel, console.size())));
		if (!m_at_line_start)
			out += '\n';
		out += l.text;
		out += '\n';
		m_at_line_start = true;
	}
	put_console(console.size());
	m_lines.clear();
	m_console_base += console.size();
	return out;
}

}  // namespace kctx::trace
