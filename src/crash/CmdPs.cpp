// ps (task.c show_ps(), 8.0.2's widened columns).
#include <algorithm>
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Tasks.h"
#include "crash/Views.h"
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

// The tasks the operands name (all when none), in pid order.
std::vector<kernel::TaskId> selected_tasks(const Target& t, const std::vector<std::string>& operands)
{
	std::vector<kernel::TaskId> ids;
	for (kernel::TaskId id : tasks_in_order(t))
		if (selected(t, id, operands))
			ids.push_back(id);
	return ids;
}

const kernel::Task* parent_of(const Target& t, const kernel::Task& task)
{
	if (task.pid == 0)
		return nullptr;
	for (kernel::TaskId id : tasks_in_order(t)) {
		const kernel::Task& p = t.machine.tasks[id];
		if (p.pid == task.ppid)
			return &p;
	}
	return nullptr;
}

kernel::TaskId task_id_of(const Target& t, const kernel::Task& task)
{
	const kernel::TaskTable& tasks = t.machine.tasks;
	kernel::TaskId id = 0;
	while (id + 1 < tasks.size() && &tasks[id] != &task)
		id++;
	return id;
}

// -p: the chain of parents from the idle task down, one more space each generation.
std::string parents(const Target& t, kernel::TaskId id)
{
	std::vector<kernel::TaskId> chain{id};
	for (const kernel::Task* p = parent_of(t, t.machine.tasks[id]); p && chain.size() < 64;
	     p = parent_of(t, *p))
		chain.insert(chain.begin(), task_id_of(t, *p));
	std::string out;
	for (size_t i = 0; i < chain.size(); i++)
		out += std::string(i, ' ') + task_header(t, chain[i]);
	return out;
}

// -c: the task, then its children indented.
std::string children(const Target& t, kernel::TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	std::string out = task_header(t, id), kids;
	for (kernel::TaskId c : tasks_in_order(t)) {
		const kernel::Task& child = t.machine.tasks[c];
		if (child.pid != 0 && child.ppid == task.pid && c != id)
			kids += "  " + task_header(t, c);
	}
	return out + (kids.empty() ? "  (no children)\n" : kids);
}

// -a: the command line a user task was started with (kctx keeps no environment).
std::string arguments(const Target& t, kernel::TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	std::string out = task_header(t, id);
	if (task.kthread || !task.user)
		return out;
	std::string args = task.cmdline;
	std::replace(args.begin(), args.end(), '\0', ' ');
	while (!args.empty() && args.back() == ' ')
		args.pop_back();
	return out + fmt::format("ARG: {}\n", args.empty() ? task.comm : args);
}

// -l: every task by when it last got a CPU, latest first: "[ns] [ST]  header".
std::string last_run(const Target& t, std::vector<kernel::TaskId> ids)
{
	std::stable_sort(ids.begin(), ids.end(), [&](kernel::TaskId a, kernel::TaskId b) {
		return t.machine.tasks[a].sched.exec_start > t.machine.tasks[b].sched.exec_start;
	});
	std::string out;
	for (kernel::TaskId id : ids)
		out += fmt::format("[{}] [{}]  {}", t.machine.tasks[id].sched.exec_start, state_code(t.machine.tasks[id]),
				   task_header(t, id));
	return out;
}

}  // namespace

std::vector<PsRow> ps_rows(const Target& t)
{
	std::vector<PsRow> rows;
	double total_kb = static_cast<double>(t.config.mem_bytes >> 10);
	for (kernel::TaskId id : tasks_in_order(t)) {
		MemUse u = mem_use(t, t.machine.tasks[id]);
		double pct = total_kb > 0 ? 100.0 * static_cast<double>(u.rss_kb) / total_kb : 0.0;
		rows.push_back({id, active_cpu(t, id).has_value(), pct, u.vsz_kb, u.rss_kb});
	}
	return rows;
}

std::string cmd_ps(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "kuAlpcat", p))
		return usage_error("ps", fmt::format("invalid option -- '{}'", *bad));
	if (has_flag(p, 't')) {
		// show_task_times(), with -k/-u's filter (PS_KERNEL, PS_USER).
		const Target& t = *s.target;
		std::vector<TaskTimes> times;
		for (kernel::TaskId id : selected_tasks(t, p.operands)) {
			bool kthread = t.machine.tasks[id].kthread;
			if (!(has_flag(p, 'k') && !kthread) && !(has_flag(p, 'u') && kthread))
				times.push_back(task_times(t, id));
		}
		return show_task_times(t, std::move(times));
	}
	if (has_flag(p, 'l') || has_flag(p, 'p') || has_flag(p, 'c') || has_flag(p, 'a')) {
		const Target& t = *s.target;
		std::vector<kernel::TaskId> ids = selected_tasks(t, p.operands);
		if (has_flag(p, 'l'))
			return last_run(t, ids);
		std::string out;
		for (kernel::TaskId id : ids)
			out += has_flag(p, 'p') ? parents(t, id) : has_flag(p, 'c') ? children(t, id) : arguments(t, id);
		return out;
	}
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
