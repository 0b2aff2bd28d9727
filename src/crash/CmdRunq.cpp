// runq (task.c cmd_runq(), dump_CFS_runqueues()): per CPU its run queue, the task on
// the CPU, the RT array (kctx schedules no RT task) and the CFS tree's tasks in
// vruntime order, each "[prio] PID: %-5ld  TASK: %lx  COMMAND: \"%s\"". The running
// task is not in the tree (set_next_entity() takes it out), and migration/N is in the
// stop class, which crash does not list.
#include <algorithm>
#include <fmt/format.h>

#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

// Every kctx task is SCHED_NORMAL at nice 0: prio 120 (MAX_RT_PRIO + NICE_WIDTH / 2).
constexpr int kNormalPrio = 120;

std::string runq_task(const kernel::Task& task)
{
	return fmt::format("PID: {:<5}  TASK: {:x}  COMMAND: \"{}\"", task.pid, task.task_struct_addr, task.comm);
}

}  // namespace

// The CFS tree of `cpu`, leftmost first.
std::vector<kernel::TaskId> cfs_queue(const Target& t, uint32_t cpu)
{
	const kernel::Cpu& c = t.machine.cpus[cpu];
	std::vector<kernel::TaskId> q;
	for (kernel::TaskId id : c.sched.rq)
		if (id != c.curr && !t.machine.tasks[id].sched.stop_class && id != c.idle)
			q.push_back(id);
	std::stable_sort(q.begin(), q.end(), [&](kernel::TaskId a, kernel::TaskId b) {
		return t.machine.tasks[a].sched.vruntime < t.machine.tasks[b].sched.vruntime;
	});
	return q;
}

std::string cmd_runq(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "c", p))
		return usage_error("runq", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	std::vector<uint32_t> cpus;
	if (has_flag(p, 'c')) {
		if (p.operands.empty())
			return usage_error("runq", "-c takes a CPU number");
		unsigned long c = std::strtoul(p.operands[0].c_str(), nullptr, 10);
		if (c >= t.machine.cpus.size())
			return fmt::format("runq: invalid cpu specification: {}\n", p.operands[0]);
		cpus.push_back(static_cast<uint32_t>(c));
	} else {
		for (uint32_t c = 0; c < t.machine.cpus.size(); c++)
			cpus.push_back(c);
	}
	std::string out;
	for (size_t i = 0; i < cpus.size(); i++) {
		uint32_t c = cpus[i];
		uint64_t rq = addr::per_cpu(c, addr::kRunqueue);
		out += fmt::format("{}CPU {} RUNQUEUE: {:x}\n", i ? "\n" : "", c, rq);
		out += fmt::format("  CURRENT: {}\n", runq_task(t.machine.tasks[t.machine.cpus[c].curr]));
		out += fmt::format("  RT PRIO_ARRAY: {:x}\n     [no tasks queued]\n", rq + addr::kRtRq);
		out += fmt::format("  CFS RB_ROOT: {:x}\n", rq + addr::kCfsRq);
		std::vector<kernel::TaskId> q = cfs_queue(t, c);
		if (q.empty())
			out += "     [no tasks queued]\n";
		for (kernel::TaskId id : q)
			out += fmt::format("     [{:3}] {}\n", kNormalPrio, runq_task(t.machine.tasks[id]));
	}
	return out;
}

}  // namespace kctx::crash
