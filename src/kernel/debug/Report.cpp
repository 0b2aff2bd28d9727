// The kernel's own reports, in the formats of the release the machine runs (Config::spec(),
// release/Release.h): dump_stack (lib/dump_stack.c), the x86-64 call trace
// (arch/x86/kernel/dumpstack.c), print_modules (kernel/module/main.c), print_tainted and
// __warn / warn_slowpath_common (kernel/panic.c), __schedule_bug (kernel/sched/core.c).
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/Taint.h"
#include "kernel/module/ModuleList.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

void Kernel::dump_header(uint32_t cpu)
{
	const Task& cur = m.tasks[m.cpus[cpu].curr];
	printk(cpu, fmt::format("CPU: {} PID: {} Comm: {:.20} {} {} {}\n", cpu, cur.pid, cur.comm, print_tainted(m_config.spec(), m.tainted),
				m_config.release(), m_config.version_word()));
	printk(cpu, "Hardware name: kctx simulated x86-64 PC, BIOS kctx 6.1 11/22/2026\n");
}

void Kernel::dump_stack(uint32_t cpu, std::span<const std::string> top_frames)
{
	dump_header(cpu);
	std::vector<std::string> top = {std::string(m_config.spec().dump_stack_frame)};
	top.insert(top.end(), top_frames.begin(), top_frames.end());
	TaskId t = m.cpus[cpu].curr;
	std::vector<TraceLine> lines = build_trace(m, m_images, t, top);
	// show_stack_log_lvl(): the raw words come before the trace on StackWords releases.
	if (m_config.spec().trace == TraceStyle::StackWords)
		print_stack_words(cpu, release_trace(m_config.spec(), lines), m.tasks[t].stack_base + 0x3d60);
	print_trace_lines(cpu, lines);
}

void Kernel::call_trace(uint32_t cpu, TaskId t, std::span<const std::string> top_frames)
{
	print_trace_lines(cpu, build_trace(m, m_images, t, top_frames));
}

std::string Kernel::release_frame(std::string_view frame) const
{
	std::vector<std::string> names = release_frames(m_config.spec(), frame);
	return names.empty() ? std::string(frame) : names.front();
}

void Kernel::print_trace_lines(uint32_t cpu, const std::vector<TraceLine>& raw)
{
	std::vector<TraceLine> lines = release_trace(m_config.spec(), raw);
	if (m_config.spec().trace == TraceStyle::StackWords) {
		print_trace_words(cpu, lines);
		return;
	}
	printk(cpu, "Call Trace:\n");
	std::optional<StackKind> section;
	auto close = [&] {
		if (section)
			printk(cpu, *section == StackKind::Irq ? " </IRQ>\n" : " </TASK>\n");
	};
	for (const TraceLine& l : lines) {
		if (section != l.stack) {
			close();
			section = l.stack;
			printk(cpu, *section == StackKind::Irq ? " <IRQ>\n" : " <TASK>\n");
		}
		printk(cpu, l.regs ? l.text + "\n" : " " + l.text + "\n");
	}
	close();
}

std::string Kernel::symbolize(uint64_t address) const { return symbolize_address(m, m_images, address); }

void Kernel::schedule_bug(uint32_t cpu, TaskId prev, std::span<const std::string> callers)
{
	const Task& p = m.tasks[prev];
	m.findings.bugs++;
	printk(cpu, fmt::format("\0013BUG: scheduling while atomic: {}/{}/0x{:08x}\n", p.comm, p.pid,
				m.cpus[cpu].preempt_count & 0x7fffffff));
	show_held_locks(cpu, prev);
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	if (m.cpus[cpu].preempt_count != abi::PREEMPT_DISABLED)
		print_preempt_disable_ip(cpu);
	std::vector<std::string> top = {"__schedule_bug.cold+0x42/0x4e", "__schedule+0x804/0xa00"};   // 6.1's names
	top.insert(top.end(), callers.begin(), callers.end());
	if (m_config.panic_on_warn) {
		// check_panic_on_warn(): panic() does not return.
		std::vector<std::string> callee = {"check_panic_on_warn.cold+0x18/0x18"};
		callee.insert(callee.end(), top.begin(), top.end());
		panic(cpu, "scheduling while atomic: panic_on_warn set ...\n", callee);
		return;
	}
	dump_stack(cpu, top);
	add_taint(abi::TAINT_WARN);
}

void Kernel::print_preempt_disable_ip(uint32_t cpu)
{
	// kernel/sched/core.c print_preempt_disable_ip(): DEBUG_PREEMPT only.
	if (!m_config.debug_preempt())
		return;
	const std::string& ip = m.cpus[cpu].preempt_disable_ip;
	if (m_config.spec().trace == TraceStyle::StackWords) {
		// 4.4: pr_err("Preemption disabled at:"); print_ip_sym(ip); pr_cont("\n"): the
		// symbol continues the line, and the last pr_cont leaves an empty one.
		std::string sym = ip.empty() ? "0x0" : release_frame(ip);
		printk(cpu, fmt::format("\0013Preemption disabled at:[<{:016x}>] {}\n", ip.empty() ? 0 : kernel_symbol_address(sym), sym));
		printk(cpu, "\n");
		return;
	}
	printk(cpu, "\0013Preemption disabled at:\n");
	if (ip.empty())
		printk(cpu, "\0013[<0000000000000000>] 0x0\n");
	else
		printk(cpu, fmt::format("\0013[<{:016x}>] {}\n", kernel_symbol_address(ip), ip));
}

void Kernel::warn(uint32_t cpu, std::string_view file, int line, std::string_view where, std::string_view message,
		  std::span<const std::string> top_frames)
{
	m.findings.warnings++;
	const Task& cur = m.tasks[m.cpus[cpu].curr];
	if (m_config.spec().warn == WarnStyle::Slowpath) {
		warn_slowpath(cpu, file, line, where, message, top_frames);
		return;
	}
	printk(cpu, "\0014------------[ cut here ]------------\n");
	if (!message.empty())
		printk(cpu, std::string("\0014") + std::string(message));
	printk(cpu, fmt::format("\0014WARNING: CPU: {} PID: {} at {}:{} {}\n", cpu, cur.pid, file, line, where));
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	if (m_config.panic_on_warn) {
		std::vector<std::string> callee = {"check_panic_on_warn.cold+0x18/0x18", "__warn+0xa6/0x150"};
		panic(cpu, "panic_on_warn set ...\n", callee);
		return;
	}
	// __warn() with the trap's regs: show_regs prints the header, the faulting RIP and
	// the trace of what was below it.
	dump_header(cpu);
	printk(cpu, fmt::format("RIP: 0010:{}\n", where));
	printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: {:08x}\n", m.tasks[m.cpus[cpu].curr].stack_base + 0x3e58,
				m.cpus[cpu].irqs_enabled ? 0x10246 : 0x10046));
	call_trace(cpu, m.cpus[cpu].curr, top_frames);
	printk(cpu, fmt::format("\0014---[ end trace {:016x} ]---\n", oops_id(m_config.spec(), m_config.seed)));
	add_taint(abi::TAINT_WARN);
}

void Kernel::warn_slowpath(uint32_t cpu, std::string_view file, int line, std::string_view where,
			  std::string_view message, std::span<const std::string> top_frames)
{
	// kernel/panic.c (4.4) warn_slowpath_common(): the WARNING line names the caller with
	// "%pS()", the message follows it, panic_on_warn panics before the modules are
	// listed, and the trace is a dump_stack() from inside warn_slowpath_fmt().
	const Task& cur = m.tasks[m.cpus[cpu].curr];
	std::string caller = release_frame(where);   // printed; the trace renames `where` itself
	printk(cpu, "\0014------------[ cut here ]------------\n");
	printk(cpu, fmt::format("\0014WARNING: CPU: {} PID: {} at {}:{} {}()\n", cpu, cur.pid, file, line, caller));
	if (!message.empty())
		printk(cpu, std::string(message));
	std::vector<std::string> top(m_config.spec().warn_frames.begin(), m_config.spec().warn_frames.end());
	if (m_config.panic_on_warn) {
		panic(cpu, "panic_on_warn set ...\n", top);
		return;
	}
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	top.push_back(std::string(where));
	top.insert(top.end(), top_frames.begin(), top_frames.end());
	dump_stack(cpu, top);
	printk(cpu, fmt::format("\0014---[ end trace {:016x} ]---\n", oops_id(m_config.spec(), m_config.seed)));
	add_taint(abi::TAINT_WARN);
}

void Kernel::panic(uint32_t cpu, std::string_view message, std::span<const std::string> callee)
{
	if (m.findings.panicked)
		return;
	m.findings.panicked = true;
	m.panic_cpu = static_cast<int32_t>(cpu);
	// kernel/panic.c panic(): the formatted message loses one trailing newline.
	if (!message.empty() && message.back() == '\n')
		message.remove_suffix(1);
	printk(cpu, fmt::format("\0010Kernel panic - not syncing: {}\n", message));
	std::vector<std::string> top = {"panic+0x118/0x2f0"};   // 6.1's names
	top.insert(top.end(), callee.begin(), callee.end());
	m.panic_stack = top;
	// kernel/panic.c: "Avoid nested stack-dumping if a panic occurs during oops processing".
	if (!(m.tainted & (1u << abi::TAINT_DIE)))
		dump_stack(cpu, top);
	// With a crash kernel loaded (kdump), panic() goes on to __crash_kexec(): the machine
	// boots the capture kernel there, before the "end Kernel panic" line.
	if (m_config.crash_kexec) {
		m.halted = true;
		return;
	}
	printk(cpu, fmt::format("\0010---[ end Kernel panic - not syncing: {} ]---\n", message));
	m.halted = true;
}

}  // namespace kctx::kernel
