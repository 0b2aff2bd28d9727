// The lockup detectors (kernel/watchdog.c, kernel/watchdog_hld.c, kernel/hung_task.c):
// the soft-lockup watchdog's hrtimer and the stop work it queues on migration/N, the
// hard-lockup NMI, and khungtaskd's scan for tasks stuck in D state.
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/Taint.h"
#include "kernel/module/ModuleList.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {
// kernel/watchdog.c: watchdog_thresh 10, softlockup threshold 2 * 10, sample period 4 s.
constexpr uint64_t kSoftlockupThresh = 20;
constexpr uint64_t kWatchdogPeriodNs = 4'000'000'000ull;
// kernel/hung_task.c: CONFIG_DEFAULT_HUNG_TASK_TIMEOUT 120, at most 10 reports.
constexpr uint64_t kHungTaskTimeoutSecs = 120;
// A report_ts no clock reaches: the soft lockup of this episode was reported (4.4).
constexpr uint64_t kWarnedEpisode = ~0ull >> 1;
// get_timestamp(): running_clock() >> 30, about 1.07 s per unit.
uint64_t watchdog_ts(uint64_t ns) { return ns >> 30; }
}  // namespace

void Kernel::softlockup_fn(uint32_t cpu)
{
	// kernel/watchdog.c softlockup_fn(), the stop work migration/N runs: it proves the
	// CPU schedules, so it touches the CPU's timestamps.
	Cpu& c = m.cpus[cpu];
	c.watchdog.touch_ts = c.watchdog.report_ts = watchdog_ts(c.now);
}

void Kernel::watchdog_timer_fn(uint32_t cpu)
{
	// kernel/watchdog.c watchdog_timer_fn(), in hardirq every sample period.
	Cpu& c = m.cpus[cpu];
	c.watchdog.hrtimer_interrupts++;   // watchdog_interrupt_count(): kicks the hard-lockup detector
	if (!c.watchdog.softlockup_queued && c.stopper != kNoTask) {
		c.watchdog.softlockup_queued = true;   // stop_one_cpu_nowait(softlockup_fn)
		wake_up_process(c.stopper, cpu);
	}
	uint64_t now = watchdog_ts(c.now);
	if (m_config.spec().softlockup_once) {
		// 4.4: is_softlockup(touch_ts), and "only warn once" (soft_watchdog_warn) until
		// the watchdog thread touches the CPU again; kctx marks the warned episode by a
		// report_ts that softlockup_fn() resets.
		if (now <= c.watchdog.touch_ts + kSoftlockupThresh || c.watchdog.report_ts == kWarnedEpisode)
			return;
		c.watchdog.report_ts = kWarnedEpisode;
		softlockup_report(cpu, c.curr, now - c.watchdog.touch_ts);
		return;
	}
	if (now <= c.watchdog.report_ts + kSoftlockupThresh)
		return;
	uint64_t duration = now - c.watchdog.touch_ts;
	c.watchdog.report_ts = now;   // update_report_ts(): the next report a period later
	softlockup_report(cpu, c.curr, duration);
}

void Kernel::softlockup_report(uint32_t cpu, TaskId t, uint64_t duration)
{
	// The report shows the interrupted context: its registers (show_regs) and the stack
	// below the watchdog interrupt.
	m.findings.lockups++;
	Task interrupted = m.tasks[t];
	for (size_t i = interrupted.kstack.size(); i-- > 0;) {
		const auto* nf = std::get_if<NativeFrame>(&interrupted.kstack[i]);
		if (nf && nf->fn() == NativeFn::Interrupt) {
			interrupted.kstack.resize(i);
			break;
		}
	}
	printk(cpu, fmt::format("\0010{}BUG: soft lockup - CPU#{} stuck for {}s! [{}:{}]\n", m_config.spec().softlockup_prefix,
				cpu, duration, interrupted.comm, interrupted.pid));
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	dump_header(cpu);
	std::vector<TraceLine> lines = build_trace(m, m_images, interrupted, {});
	if (m_config.spec().trace == TraceStyle::StackWords) {
		show_regs_words(cpu, interrupted, lines, 0x202);
	} else if (interrupted.kstack.empty() || lines.empty()) {
		printk(cpu, fmt::format("RIP: 0033:{:#x}\n", user_pc(interrupted, m_images)));
	} else {
		printk(cpu, fmt::format("RIP: 0010:{}\n", lines.front().text));
		printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: {:08x}\n", interrupted.stack_base + 0x3e98,
					m.cpus[cpu].irqs_enabled ? 0x202 : 0x202));
		lines.erase(lines.begin());
		print_trace_lines(cpu, lines);
	}
	add_taint(abi::TAINT_SOFTLOCKUP);
	if (m_config.softlockup_panic)
		panic(cpu, "softlockup: hung tasks\n", std::vector<std::string>{"watchdog_timer_fn.cold+0x3d/0x9f"});
}

void Kernel::watchdog_nmi(uint32_t cpu)
{
	// kernel/watchdog_hld.c watchdog_overflow_callback(): an NMI, so it comes even with
	// irqs off. If the watchdog hrtimer has not ticked since the last NMI, this CPU has
	// had interrupts off for a whole period: a hard lockup, reported once per episode.
	Cpu& c = m.cpus[cpu];
	if (cpu < m.irq.stats.size())
		m.irq.stats[cpu].nmi++;   // __nmi_count (and the perf interrupt's PMI)
	c.watchdog.next_nmi += 10'000'000'000ull;
	if (c.watchdog.hrtimer_interrupts != c.watchdog.hrtimer_interrupts_saved) {
		c.watchdog.hrtimer_interrupts_saved = c.watchdog.hrtimer_interrupts;
		c.watchdog.hard_warned = false;
		return;
	}
	if (c.watchdog.hard_warned)
		return;
	c.watchdog.hard_warned = true;
	m.findings.lockups++;
	printk(cpu, fmt::format("\0010NMI watchdog: Watchdog detected hard LOCKUP on cpu {}\n", cpu));
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	show_held_locks(cpu, c.curr);
	dump_header(cpu);
	std::vector<TraceLine> lines = build_trace(m, m_images, c.curr, {});
	if (m_config.spec().trace == TraceStyle::StackWords) {
		// 4.4's show_regs() (kernel/watchdog.c (4.4) watchdog_overflow_callback() calls
		// it with the NMI's regs): the task line, RIP/RSP, Stack: words and the trace.
		show_regs_words(cpu, m.tasks[c.curr], lines, 0x46);
		return;
	}
	if (!lines.empty()) {
		printk(cpu, fmt::format("RIP: 0010:{}\n", lines.front().text));
		printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: 00000046\n", m.tasks[c.curr].stack_base + 0x3f10));
		lines.erase(lines.begin());
		print_trace_lines(cpu, lines);
	}
}

void Kernel::check_hung_tasks(uint32_t cpu)
{
	// kernel/hung_task.c check_hung_uninterruptible_tasks(): a task in D state that has
	// not been scheduled since the last scan, and for more than the timeout.
	uint64_t j = jiffies(cpu);
	for (TaskId i = 0; i < m.tasks.size(); i++) {
		Task& task = m.tasks[i];
		if (task.exited || task.state != abi::TASK_UNINTERRUPTIBLE || m.hung.warnings == 0)
			continue;
		uint64_t switches = task.sched.nvcsw + task.sched.nivcsw;
		if (!switches)
			continue;
		if (switches != task.hung.last_switch_count) {
			task.hung.last_switch_count = switches;
			task.hung.last_switch_time = j;
			continue;
		}
		if (j < task.hung.last_switch_time + kHungTaskTimeoutSecs * m_config.hz)
			continue;
		m.hung.warnings--;
		m.findings.lockups++;
		printk(cpu, fmt::format("\0013INFO: task {}:{} blocked for more than {} seconds.\n", task.comm, task.pid,
					(j - task.hung.last_switch_time) / m_config.hz));
		printk(cpu, fmt::format("\0013      {} {} {}\n", print_tainted(m_config.spec(), m.tainted), m_config.release(), m_config.version_word()));
		printk(cpu, "\0013\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
		if (m_config.spec().hung_task_legacy_task_line) {
			show_task_legacy(cpu, task);
			continue;
		}
		printk(cpu, fmt::format("\0016task:{:<15.15} state:D stack:0     pid:{:<5} ppid:{:<6} flags:0x{:08x}\n", task.comm,
					task.pid, task.ppid, task.kthread ? 0x00004000 : 0x00000000));
		std::vector<std::string> top = {"__schedule+0x34d/0xa00"};
		print_trace_lines(cpu, build_trace(m, m_images, task, top));
	}
}

void Kernel::show_task_legacy(uint32_t cpu, const Task& task)
{
	// kernel/sched/core.c (4.4) sched_show_task(): "%-15.15s %c", then thread_saved_pc()
	// as " %016lx ", then "%5lu %5d %6d 0x%08lx\n" (free stack, 0 without
	// DEBUG_STACK_USAGE; pid; ppid; thread_info flags); then show_stack(), whose walk of a
	// sleeping task starts at its return into schedule() (the saved pc is in __schedule).
	uint64_t saved_pc = kernel_symbol_address(release_frame("__schedule+0x34d/0xa00"));
	printk(cpu, fmt::format("\0016{:<15.15} D {:016x}     0 {:5} {:6} 0x{:08x}\n", task.comm, saved_pc, task.pid, task.ppid,
				0));
	std::vector<TraceLine> lines = build_trace(m, m_images, task, {});
	print_stack_words(cpu, release_trace(m_config.spec(), lines), task.stack_base + 0x3d20);
	print_trace_lines(cpu, lines);
}

}  // namespace kctx::kernel
