#include "check/Verdict.h"

#include <fmt/format.h>

#include "abi/Preempt.h"

namespace kctx::check {

using kernel::Kernel;
using kernel::Machine;

namespace {
std::string task_where(const Kernel& k, kernel::TaskId t)
{
	const Machine& m = k.machine();
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++)
		if (m.cpus[cpu].curr == t)
			return fmt::format("running on CPU{}", cpu);
	const kernel::Task& task = m.tasks[t];
	if (task.state == abi::TASK_RUNNING)
		return fmt::format("runnable on CPU{}", task.cpu);
	return fmt::format("sleeping (state {:#x}) on CPU{}", task.state, task.cpu);
}
}  // namespace

std::optional<Verdict> spinning_forever(const Kernel& k)
{
	const Machine& m = k.machine();
	std::vector<Kernel::SpinWait> waits;
	for (uint32_t cpu = 0; cpu < m.cpus.size(); cpu++) {
		auto w = k.spin_wait(cpu);
		if (!w)
			return std::nullopt;
		waits.push_back(*w);
	}
	// A cycle: the holder of each CPU's lock is what another spinning CPU runs.
	bool cycle = true;
	for (const auto& w : waits) {
		bool holder_spins = false;
		for (const auto& o : waits)
			if (o.cpu != w.cpu && m.cpus[o.cpu].curr == w.holder)
				holder_spins = true;
		cycle = cycle && holder_spins;
	}
	std::string lines;
	for (const auto& w : waits) {
		uint32_t pc = m.cpus[w.cpu].preempt_count & ~abi::PREEMPT_NEED_RESCHED;
		std::string ctx = abi::in_hardirq(pc) ? "hardirq" : abi::in_serving_softirq(pc) ? "softirq" : "task";
		std::string holder = w.holder == m.cpus[w.cpu].curr && ctx != "task"
					     ? fmt::format("{}, the task this {} interrupted", k.task_label(w.holder), ctx)
					     : fmt::format("{}, {}", k.task_label(w.holder), task_where(k, w.holder));
		lines += fmt::format("  CPU{} {} ({} context, preempt_count {:#x}) spins on {}, held by {}\n", w.cpu,
				     k.task_label(m.cpus[w.cpu].curr), ctx, pc, k.lock_name(w.lock), holder);
	}
	bool self = waits.size() == 1 && waits[0].holder == m.cpus[waits[0].cpu].curr &&
		    !abi::in_task(m.cpus[waits[0].cpu].preempt_count & ~abi::PREEMPT_NEED_RESCHED);
	if (self)
		return Verdict{ViolationKind::Deadlock,
			       "deadlock: an interrupt handler spins on a lock the task it interrupted holds\n" + lines};
	if (cycle && waits.size() > 1)
		return Verdict{ViolationKind::Deadlock,
			       "deadlock: every CPU spins on a lock another spinning CPU holds (a cycle of spinlocks)\n" + lines};
	return Verdict{ViolationKind::Livelock,
		       "livelock: every CPU spins with preemption disabled on a lock whose holder can never run again\n" + lines};
}

std::optional<Verdict> blocked_forever(const Kernel& k, std::span<const kernel::Choice> enabled)
{
	const Machine& m = k.machine();
	// A machine whose clocks reached the scenario's end (`seconds`) enables nothing
	// either: its run is over, nothing is stuck (a deep depth-first path gets there).
	if (m.halted || !enabled.empty() || k.now() >= k.config().end_ns)
		return std::nullopt;
	std::string lines;
	for (kernel::TaskId t = 0; t < m.tasks.size(); t++) {
		const kernel::Task& task = m.tasks[t];
		if (task.unused || task.exited || task.state != abi::TASK_UNINTERRUPTIBLE)
			continue;
		lines += fmt::format("  {} blocked in state D\n", k.task_label(t));
	}
	return Verdict{ViolationKind::Deadlock,
		       "deadlock: no CPU has anything to run and nothing armed can wake a task\n" + lines};
}

std::string report_headline(std::string_view console)
{
	size_t pos = 0;
	while (pos < console.size()) {
		size_t end = console.find('\n', pos);
		std::string_view line = console.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
		for (std::string_view key : {"BUG:", "WARNING:", "Oops", "Kernel panic", "possible circular",
					     "inconsistent lock state", "kernel BUG", "Assertion", "general protection"})
			if (size_t at = line.find(key); at != std::string_view::npos) {
				// Without the printk timestamp (clocks are abstract in a check), nor what a
				// program printed on the line before it ("....[    1.05] BUG: …").
				if (size_t ts = line.rfind("] ", at); ts != std::string_view::npos && line.rfind('[', ts) != std::string_view::npos)
					line = line.substr(ts + 2);
				return std::string(line);
			}
		if (end == std::string_view::npos)
			break;
		pos = end + 1;
	}
	return "";
}

}  // namespace kctx::check
