#include "crash/Json.h"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crash/Session.h"
#include "crash/Tasks.h"
#include "crash/Views.h"

namespace kctx::crash {

namespace {

using nlohmann::json;

std::string hex(uint64_t v) { return fmt::format("{:x}", v); }

json task_ref(const Target& t, kernel::TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	return {{"pid", task.pid}, {"task", hex(task.task_struct_addr)}, {"cpu", task.cpu}, {"command", task.comm}};
}

json ps_json(const Target& t)
{
	json rows = json::array();
	for (const PsRow& r : ps_rows(t)) {
		const kernel::Task& task = t.machine.tasks[r.id];
		rows.push_back({{"pid", task.pid}, {"ppid", task.ppid}, {"cpu", task.cpu}, {"task", hex(task.task_struct_addr)},
				{"state", std::string(state_code(task))}, {"active", r.active}, {"kthread", task.kthread},
				{"mem_percent", std::round(r.pct_mem * 10) / 10}, {"vsz_kb", r.vsz_kb}, {"rss_kb", r.rss_kb},
				{"comm", task.comm}});
	}
	return rows;
}

json bt_json(const Target& t, kernel::TaskId id)
{
	Backtrace bt = backtrace_of(t, id);
	json frames = json::array();
	for (const BtFrame& f : bt.frames) {
		json j = {{"level", f.level}, {"sp", hex(f.slot)}, {"function", f.function}, {"address", hex(f.address)},
			  {"stack", f.stack == StackKind::Nmi ? "nmi" : f.stack == StackKind::Irq ? "irq" : "task"}};
		if (!f.module.empty())
			j["module"] = f.module;
		frames.push_back(std::move(j));
	}
	json out = task_ref(t, id);
	out["frames"] = std::move(frames);
	if (bt.regs.present) {
		json regs = {{"rip", hex(bt.regs.rip)}, {"rsp", hex(bt.regs.rsp)}, {"cs", bt.regs.cs}, {"ss", bt.regs.ss}};
		if (!bt.regs.exception_rip.empty())
			regs["exception_rip"] = bt.regs.exception_rip;
		out["registers"] = std::move(regs);
	}
	return out;
}

json task_json(const Target& t, kernel::TaskId id)
{
	json members = json::object();
	for (const auto& [name, value] : task_members(t, id))
		members[name] = value;
	json out = task_ref(t, id);
	out["task_struct"] = std::move(members);
	return out;
}

json log_json(const Target& t)
{
	json out = json::array();
	const kernel::Machine& m = t.machine;
	for (size_t i = m.printk.head; i < m.printk.log.size(); i++)
		out.push_back({{"ts_ns", m.printk.log[i].ts}, {"level", m.printk.log[i].level}, {"text", m.printk.log[i].text}});
	return out;
}

json runq_json(const Target& t)
{
	json out = json::array();
	for (uint32_t c = 0; c < t.machine.cpus.size(); c++) {
		json queued = json::array();
		for (kernel::TaskId id : cfs_queue(t, c))
			queued.push_back(task_ref(t, id));
		out.push_back({{"cpu", c}, {"current", task_ref(t, t.machine.cpus[c].curr)}, {"cfs", std::move(queued)}});
	}
	return out;
}

// The tasks a bt or task line names: -a every CPU's active task, else its operands or
// the session's context.
Result<std::vector<kernel::TaskId>> tasks_of(SessionState& s, const Args& words, bool allow_all)
{
	std::vector<kernel::TaskId> ids;
	if (allow_all && words.size() > 1 && words[1] == "-a") {
		for (const kernel::Cpu& c : s.target->machine.cpus)
			ids.push_back(c.curr);
		return ids;
	}
	std::vector<std::string> operands(words.begin() + 1, words.end());
	std::string errors;
	ids = named_tasks(s, words[0], operands, errors);
	if (!errors.empty())
		return Error{errors.substr(0, errors.size() - 1)};
	return ids;
}

}  // namespace

Result<std::string> json_answer(SessionState& s, std::string_view line)
{
	Args words = split_words(line);
	if (words.empty())
		return Error{"--json: no command given"};
	const Target& t = *s.target;
	json out;
	const std::string& cmd = words[0];
	if (cmd == "ps") {
		out = ps_json(t);
	} else if (cmd == "log") {
		out = log_json(t);
	} else if (cmd == "runq") {
		out = runq_json(t);
	} else if (cmd == "bt" || cmd == "task") {
		std::vector<kernel::TaskId> ids = KCTX_TRY(tasks_of(s, words, cmd == "bt"));
		out = json::array();
		for (kernel::TaskId id : ids)
			out.push_back(cmd == "bt" ? bt_json(t, id) : task_json(t, id));
	} else {
		return Error{fmt::format("--json: kctx answers ps, bt, task, log and runq as JSON, not '{}'", cmd)};
	}
	return out.dump(2) + "\n";
}

}  // namespace kctx::crash
