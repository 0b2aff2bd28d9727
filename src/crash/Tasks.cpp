#include "crash/Tasks.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "abi/Preempt.h"

namespace kctx::crash {

using kernel::Task;
using kernel::TaskId;

std::string_view state_code(const Task& t)
{
	if (t.exited)
		return t.state == abi::TASK_DEAD ? "ZO" : "RU";
	if (t.state == abi::TASK_IDLE)
		return "ID";
	if (t.state & abi::TASK_INTERRUPTIBLE)
		return "IN";
	if (t.state & abi::TASK_UNINTERRUPTIBLE)
		return "UN";
	if (t.state & abi::TASK_STOPPED)
		return "ST";
	return "RU";
}

std::string_view state_name(const Task& t)
{
	if (t.exited)
		return t.state == abi::TASK_DEAD ? "EXIT_ZOMBIE" : "TASK_RUNNING";
	if (t.state == abi::TASK_IDLE)
		return "TASK_IDLE";
	if (t.state & abi::TASK_INTERRUPTIBLE)
		return "TASK_INTERRUPTIBLE";
	if (t.state & abi::TASK_UNINTERRUPTIBLE)
		return "TASK_UNINTERRUPTIBLE";
	if (t.state & abi::TASK_STOPPED)
		return "TASK_STOPPED";
	return "TASK_RUNNING";
}

bool is_live(const Task& t) { return !t.unused && !t.reaped; }

std::vector<TaskId> tasks_in_order(const Target& t)
{
	const auto& tasks = t.machine.tasks;
	std::vector<TaskId> ids;
	for (TaskId i = 0; i < tasks.size(); i++)
		if (is_live(tasks[i]))
			ids.push_back(i);
	std::stable_sort(ids.begin(), ids.end(), [&](TaskId a, TaskId b) {
		if (tasks[a].pid != tasks[b].pid)
			return tasks[a].pid < tasks[b].pid;
		return tasks[a].cpu < tasks[b].cpu;
	});
	return ids;
}

std::optional<uint32_t> active_cpu(const Target& t, TaskId id)
{
	for (uint32_t c = 0; c < t.machine.cpus.size(); c++)
		if (t.machine.cpus[c].curr == id)
			return c;
	return std::nullopt;
}

std::string task_header(const Target& t, TaskId id)
{
	const Task& task = t.machine.tasks[id];
	return fmt::format("PID: {:<7}  TASK: {:<16x}  CPU: {:<3}  COMMAND: \"{}\"\n", task.pid, task.task_struct_addr,
			   task.cpu, task.comm);
}

std::string context_block(const Target& t, TaskId id)
{
	const Task& task = t.machine.tasks[id];
	std::string state(state_name(task));
	// show_context(): an active task says how it is active; the panic task "(PANIC)".
	if (auto cpu = active_cpu(t, id)) {
		bool panic_task = t.machine.panic_cpu >= 0 && static_cast<uint32_t>(t.machine.panic_cpu) == *cpu;
		state += panic_task ? " (PANIC)" : " (ACTIVE)";
	}
	return fmt::format("         PID: {}\n     COMMAND: \"{}\"\n        TASK: {:x}  [THREAD_INFO: {:x}]\n"
			   "         CPU: {}\n       STATE: {}\n",
			   task.pid, task.comm, task.task_struct_addr, task.task_struct_addr, task.cpu, state);
}

std::optional<TaskId> find_task(const Target& t, std::string_view arg)
{
	// crash takes a decimal number as a pid, a hexadecimal one as a task address.
	const auto& tasks = t.machine.tasks;
	uint64_t v = 0;
	const char* end = arg.data() + arg.size();
	if (std::from_chars(arg.data(), end, v, 10).ptr == end) {
		for (TaskId id : tasks_in_order(t))
			if (static_cast<uint64_t>(tasks[id].pid) == v)
				return id;
	}
	std::string_view hex = arg.starts_with("0x") ? arg.substr(2) : arg;
	if (!hex.empty() && std::from_chars(hex.data(), hex.data() + hex.size(), v, 16).ptr == hex.data() + hex.size()) {
		for (TaskId id = 0; id < tasks.size(); id++)
			if (is_live(tasks[id]) && tasks[id].task_struct_addr == v)
				return id;
	}
	return std::nullopt;
}

}  // namespace kctx::crash
