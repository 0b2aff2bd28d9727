// task (task.c cmd_task()): the task header, then its task_struct as gdb prints it,
// the members of TaskFields.def (the ones kctx's task keeps; Linux's struct has many
// more). -R prints only the members named (a whole embedded struct by its name), -x
// numbers in hex.
#include <algorithm>
#include <fmt/format.h>
#include <type_traits>

#include "abi/Preempt.h"
#include "crash/Commands.h"
#include "crash/Tasks.h"
#include "crash/Views.h"

namespace kctx::crash {

namespace {

// The values task_struct members derive from a kctx task.
struct TaskView {
	const Target& t;
	const kernel::Task& task;
	kernel::TaskId id;

	// arch/x86/include/asm/thread_info.h: TIF_SIGPENDING 2, TIF_NEED_RESCHED 3.
	[[nodiscard]] uint64_t tif_flags() const
	{
		return (task.signal.pending & ~task.signal.blocked ? 1u << 2 : 0) | (task.sched.need_resched ? 1u << 3 : 0);
	}
	// include/linux/sched.h: PF_IDLE 0x2, PF_EXITING 0x4, PF_KTHREAD 0x00200000.
	[[nodiscard]] uint64_t pf_flags() const
	{
		bool idle = task.pid == 0;
		return (idle ? 0x2u : 0) | (task.exited ? 0x4u : 0) | (task.kthread ? 0x00200000u : 0);
	}
	[[nodiscard]] uint64_t on_cpu() const { return active_cpu(t, id) ? 1 : 0; }
	// migration/N: SCHED_FIFO at MAX_RT_PRIO-1, prio 0; everything else nice 0, prio 120.
	[[nodiscard]] uint64_t prio() const { return task.sched.stop_class ? 0 : 120; }
	[[nodiscard]] uint64_t static_prio() const { return 120; }
	[[nodiscard]] uint64_t nr_cpus_allowed() const { return task.sched.bound ? 1 : t.machine.cpus.size(); }
	// EXIT_ZOMBIE 0x20 until the parent reaps it.
	[[nodiscard]] uint64_t exit_state() const { return task.exited ? 0x20 : 0; }
	[[nodiscard]] uint64_t parent_addr() const
	{
		// A child of pid 0 (init, kthreadd) has init_task, swapper/0, as its parent; an
		// idle task is its own.
		if (task.ppid == 0)
			return t.machine.tasks[t.machine.cpus[0].idle].task_struct_addr;
		for (const kernel::Task& p : t.machine.tasks)
			if (is_live(p) && p.pid == task.ppid && (p.pid != 0 || task.pid == 0))
				return p.task_struct_addr;
		return 0;
	}
};

enum class Format : uint8_t { Num, Ptr, Str, Sig };

struct Field {
	std::string path;
	std::string value;
};

std::vector<Field> task_fields(const Target& t, kernel::TaskId id, bool hex)
{
	const kernel::Task& task = t.machine.tasks[id];
	TaskView v{t, task, id};
	std::vector<Field> out;
	auto num = [&](auto x, Format f) -> std::string {
		auto u = static_cast<uint64_t>(x);
		switch (f) {
		case Format::Ptr: return fmt::format("{:#x}", u);
		case Format::Sig: return fmt::format("{{{}}}", hex ? fmt::format("{:#x}", u) : std::to_string(u));
		case Format::Str: {
			// char comm[TASK_COMM_LEN]: the name, then gdb's count of the NULs after it.
			std::string s = task.comm.substr(0, 15);
			return fmt::format("\"{}\", '\\000' <repeats {} times>", s, 16 - s.size() - 1);
		}
		case Format::Num: break;
		}
		if (hex)
			return fmt::format("{:#x}", u);
		if constexpr (std::is_signed_v<decltype(x)>)
			return std::to_string(static_cast<int64_t>(x));
		return std::to_string(u);
	};
	(void)v;
#define KCTX_TASK_FIELD(path, format, value) out.push_back({path, num(value, Format::format)});
#include "crash/TaskFields.def"
#undef KCTX_TASK_FIELD
	return out;
}

// The fields as gdb nests them: an embedded struct's members inside "name = { ... }".
void render(std::string& out, const std::vector<Field>& fields, size_t begin, size_t end, size_t depth, int indent)
{
	auto component = [&](const std::string& path) {
		size_t pos = 0;
		for (size_t d = 0; d < depth; d++)
			pos = path.find('.', pos) + 1;
		return path.substr(pos, path.find('.', pos) - pos);
	};
	std::string pad(static_cast<size_t>(indent), ' ');
	for (size_t i = begin; i < end;) {
		std::string name = component(fields[i].path);
		size_t j = i;
		while (j < end && component(fields[j].path) == name)
			j++;
		bool leaf = j == i + 1 && std::count(fields[i].path.begin(), fields[i].path.end(), '.') == static_cast<long>(depth);
		if (leaf) {
			out += fmt::format("{}{} = {}", pad, name, fields[i].value);
		} else {
			out += fmt::format("{}{} = {{\n", pad, name);
			render(out, fields, i, j, depth + 1, indent + 2);
			out += pad + "}";
		}
		out += j < end ? ",\n" : "\n";
		i = j;
	}
}

std::string task_text(const Target& t, kernel::TaskId id, bool hex, const std::vector<std::string>& members)
{
	std::vector<Field> fields = task_fields(t, id, hex);
	std::string out = task_header(t, id);
	if (members.empty()) {
		out += "struct task_struct {\n";
		render(out, fields, 0, fields.size(), 0, 2);
		return out + "}\n";
	}
	for (const std::string& m : members) {
		std::vector<Field> picked;
		for (const Field& f : fields)
			if (f.path == m || f.path.starts_with(m + "."))
				picked.push_back(f);
		if (picked.empty()) {
			out += fmt::format("task: invalid structure member name: {}\n", m);
			continue;
		}
		// crash's -R: "  name = value," with the member's full name.
		if (picked.size() == 1 && picked[0].path == m) {
			out += fmt::format("  {} = {},\n", m, picked[0].value);
			continue;
		}
		std::string inner;
		size_t depth = static_cast<size_t>(std::count(m.begin(), m.end(), '.')) + 1;
		render(inner, picked, 0, picked.size(), depth, 4);
		out += fmt::format("  {} = {{\n{}  }},\n", m, inner);
	}
	return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> task_members(const Target& t, kernel::TaskId id)
{
	std::vector<std::pair<std::string, std::string>> out;
	for (Field& f : task_fields(t, id, false))
		out.emplace_back(std::move(f.path), std::move(f.value));
	return out;
}

std::string cmd_task(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "xR", p))
		return usage_error("task", fmt::format("invalid option -- '{}'", *bad));
	std::vector<std::string> operands = p.operands, members;
	if (has_flag(p, 'R')) {
		if (operands.empty())
			return usage_error("task", "-R takes a member list");
		std::string list = operands.front();
		operands.erase(operands.begin());
		for (size_t pos = 0; pos <= list.size();) {
			size_t comma = list.find(',', pos);
			if (comma == std::string::npos)
				comma = list.size();
			if (comma > pos)
				members.push_back(list.substr(pos, comma - pos));
			pos = comma + 1;
		}
	}
	std::string errors, out;
	std::vector<kernel::TaskId> ids = named_tasks(s, "task", operands, errors);
	for (size_t i = 0; i < ids.size(); i++)
		out += (i ? "\n" : "") + task_text(*s.target, ids[i], has_flag(p, 'x'), members);
	return errors + out;
}

}  // namespace kctx::crash
