// ps (task.c show_ps(), 8.0.2's widened columns).
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Tasks.h"
#include "vm/Memory.h"

namespace kctx::crash {

namespace {

struct MemUse {
	uint64_t vsz_kb = 0;
	uint64_t rss_kb = 0;
};

// As /proc/PID/status counts VmSize and VmRSS (kernel/fs/ProcFs.cpp): the regions, the
// program's text, and the resident pages. Kernel threads have no mm: 0 and 0.
MemUse mem_use(const Target& t, const kernel::Task& task)
{
	MemUse u;
	if (!task.user || task.exited)
		return u;
	const vm::Memory& mm = task.user->mm;
	uint64_t total = 0, rss = 0;
	for (const vm::Region& r : mm.regions()) {
		total += r.end - r.start;
		rss += mm.resident_pages(r.start, r.end - r.start) * vm::kPageSize;
	}
	if (task.user->image < t.images.size() && t.images[task.user->image].program)
		total += (t.images[task.user->image].program->text_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	u.vsz_kb = total >> 10;
	u.rss_kb = rss >> 10;
	return u;
}

bool selected(const Target& t, kernel::TaskId id, const std::vector<std::string>& operands)
{
	if (operands.empty())
		return true;
	const kernel::Task& task = t.machine.tasks[id];
	for (const std::string& o : operands) {
		if (o == task.comm)
			return true;
		if (auto found = find_task(t, o); found && *found == id)
			return true;
	}
	return false;
}

}  // namespace

std::string cmd_ps(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "kuA", p))
		return usage_error("ps", fmt::format("invalid option -- '{}'", *bad));
	bool kernel_only = p.flags.find('k') != std::string::npos;
	bool user_only = p.flags.find('u') != std::string::npos;
	bool active_only = p.flags.find('A') != std::string::npos;
	const Target& t = *s.target;
	std::string out = "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n";
	double total_kb = static_cast<double>(t.config.mem_bytes >> 10);
	for (kernel::TaskId id : tasks_in_order(t)) {
		const kernel::Task& task = t.machine.tasks[id];
		bool active = active_cpu(t, id).has_value();
		if ((kernel_only && !task.kthread) || (user_only && task.kthread) || (active_only && !active) ||
		    !selected(t, id, p.operands))
			continue;
		MemUse u = mem_use(t, task);
		double pct = total_kb > 0 ? 100.0 * static_cast<double>(u.rss_kb) / total_kb : 0.0;
		// Kernel threads print in brackets, as ps(1) shows them.
		std::string comm = task.kthread ? "[" + task.comm + "]" : task.comm;
		out += fmt::format("{}{:7} {:7} {:3}  {:<16x} {:>3} {:5.1f} {:8} {:8}  {}\n", active ? "> " : "  ",
				   task.pid, task.ppid, task.cpu, task.task_struct_addr, state_code(task), pct, u.vsz_kb,
				   u.rss_kb, comm);
	}
	return out;
}

}  // namespace kctx::crash
