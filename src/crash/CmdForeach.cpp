// foreach (task.c cmd_foreach()): a command for each task the selectors name, in pid
// order: pids, task addresses, command names, `kernel`, `user`, `active`, or a state
// (RU, IN, UN, ST, ZO, ID); no selector means every task. bt, task and files print
// each task's block (its header first) and a blank line; ps prints one table.
#include <algorithm>
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

constexpr std::string_view kForeachCommands[] = {"bt", "ps", "task", "files", "set"};
constexpr std::string_view kStates[] = {"RU", "IN", "UN", "ST", "ZO", "ID", "DE", "TR", "SW", "WA", "PA", "NE"};

bool is_command(std::string_view w)
{
	return std::find(std::begin(kForeachCommands), std::end(kForeachCommands), w) != std::end(kForeachCommands);
}

// kernel, user, active and the states filter the tasks (every filter must hold); pids,
// addresses and names pick tasks (any may match), as cmd_foreach()'s flags and its
// task list combine.
bool is_filter(const std::string& sel)
{
	return sel == "kernel" || sel == "user" || sel == "active" ||
	       std::find(std::begin(kStates), std::end(kStates), sel) != std::end(kStates);
}

bool passes(const Target& t, kernel::TaskId id, const std::string& filter)
{
	const kernel::Task& task = t.machine.tasks[id];
	if (filter == "kernel")
		return task.kthread;
	if (filter == "user")
		return !task.kthread;
	if (filter == "active")
		return active_cpu(t, id).has_value();
	return state_code(task) == filter;
}

bool matches(const Target& t, kernel::TaskId id, const std::string& sel)
{
	const kernel::Task& task = t.machine.tasks[id];
	if (sel == task.comm)
		return true;
	auto found = find_task(t, sel);
	return found && *found == id;
}

}  // namespace

std::string cmd_foreach(SessionState& s, const Args& args)
{
	const Target& t = *s.target;
	size_t at = 1;
	std::vector<std::string> selectors;
	while (at < args.size() && !is_command(args[at]))
		selectors.push_back(args[at++]);
	if (at == args.size())
		return usage_error("foreach", "a command is required (bt, ps, task, files or set)");
	Args command(args.begin() + static_cast<long>(at), args.end());
	std::vector<kernel::TaskId> ids;
	for (kernel::TaskId id : tasks_in_order(t)) {
		bool picked = true, any_pick = false, pick = false;
		for (const std::string& sel : selectors) {
			if (is_filter(sel)) {
				picked = picked && passes(t, id, sel);
			} else {
				any_pick = true;
				pick = pick || matches(t, id, sel);
			}
		}
		if (picked && (!any_pick || pick))
			ids.push_back(id);
	}
	const CommandInfo* c = find_command(command[0]);
	if (command[0] == "ps") {
		// One table: ps of the selected tasks by address.
		Args ps = command;
		for (kernel::TaskId id : ids)
			ps.push_back(fmt::format("{:x}", t.machine.tasks[id].task_struct_addr));
		return ids.empty() ? std::string() : c->handler(s, ps);
	}
	std::string out;
	kernel::TaskId saved = s.context;
	for (kernel::TaskId id : ids) {
		Args one = command;
		one.push_back(fmt::format("{:x}", t.machine.tasks[id].task_struct_addr));
		out += c->handler(s, one) + "\n";
	}
	// foreach set shows each context in turn; the session keeps its own.
	s.context = saved;
	return out;
}

}  // namespace kctx::crash
