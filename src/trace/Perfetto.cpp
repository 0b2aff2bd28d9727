#include "trace/Perfetto.h"

#include <fmt/format.h>

#include "trace/Ftrace.h"
#include "trace/Syscalls.h"

namespace kctx::trace {

namespace {

using nlohmann::json;

// The format counts in microseconds; fractions keep the nanoseconds.
double us(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

int32_t cpu_tid(uint32_t cpu) { return kCpuTracksPid + static_cast<int32_t>(cpu); }

json metadata(std::string_view what, int32_t pid, int32_t tid, json args)
{
	return json{{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}};
}

std::string syscall_name(uint32_t op)
{
	const SyscallInfo* info = find_syscall(op);
	return info ? std::string(info->name) : fmt::format("NR {}", op);
}

}  // namespace

PerfettoSink::Running& PerfettoSink::running(uint32_t cpu)
{
	if (m_running.size() <= cpu)
		m_running.resize(cpu + 1);
	return m_running[cpu];
}

void PerfettoSink::name_task(const TaskInfo& t)
{
	if (t.pid != 0)
		m_tasks[t.pid] = t;
}

void PerfettoSink::open_slice(uint32_t cpu, uint64_t ts, const TaskInfo& t)
{
	Running& r = running(cpu);
	r.task = t;
	r.since = ts;
	r.open = true;
	name_task(t);
}

void PerfettoSink::close_slice(uint32_t cpu, uint64_t ts, const std::string& end_state)
{
	Running& r = running(cpu);
	if (!r.open)
		return;
	r.open = false;
	// The idle task's time is the gap between slices, as Perfetto's own CPU tracks show it.
	if (r.task.pid == 0)
		return;
	uint64_t dur = ts > r.since ? ts - r.since : 0;
	json args = {{"pid", r.task.pid}, {"tgid", r.task.tgid}, {"cpu", cpu}};
	if (!end_state.empty())
		args["end_state"] = end_state;
	m_events.push_back(json{{"ph", "X"},
				{"cat", "sched"},
				{"name", fmt::format("{} {}", r.task.comm, r.task.pid)},
				{"pid", kCpuTracksPid},
				{"tid", cpu_tid(cpu)},
				{"ts", us(r.since)},
				{"dur", us(dur)},
				{"args", args}});
	m_events.push_back(json{{"ph", "X"},
				{"cat", "sched"},
				{"name", fmt::format("running on CPU {}", cpu)},
				{"pid", r.task.tgid},
				{"tid", r.task.pid},
				{"ts", us(r.since)},
				{"dur", us(dur)},
				{"args", std::move(args)}});
}

void PerfettoSink::instant(const Event& e, std::string name, json args)
{
	args["task"] = fmt::format("{}-{}", e.task.comm, e.task.pid);
	args["flags"] = format_flags(e.flags);
	m_events.push_back(json{{"ph", "i"},
				{"s", "t"},
				{"cat", category_list(category_of(e.kind))},
				{"name", std::move(name)},
				{"pid", kCpuTracksPid},
				{"tid", cpu_tid(e.cpu)},
				{"ts", us(e.ts)},
				{"args", std::move(args)}});
}

void PerfettoSink::cpu_start(uint32_t cpu, uint64_t ts, const TaskInfo& curr) { open_slice(cpu, ts, curr); }

void PerfettoSink::cpu_end(uint32_t cpu, uint64_t ts)
{
	close_slice(cpu, ts, {});
	running(cpu);
}

void PerfettoSink::event(const Event& e)
{
	name_task(e.task);
	switch (e.kind) {
	case EventKind::SchedSwitch:
		close_slice(e.cpu, e.ts, format_prev_state(e.prev_state, e.preempted, e.prev_exiting));
		open_slice(e.cpu, e.ts, e.other);
		return;
	case EventKind::SchedWakeup:
		name_task(e.other);
		instant(e, fmt::format("wakeup {} {}", e.other.comm, e.other.pid),
			{{"pid", e.other.pid}, {"target_cpu", e.target_cpu}});
		return;
	case EventKind::SysEnter: {
		std::string payload = format_payload(e);
		instant(e, fmt::format("sys_enter_{}", syscall_name(e.syscall)), {{"event", payload}});
		return;
	}
	case EventKind::SysExit:
		instant(e, fmt::format("sys_exit_{}", syscall_name(e.syscall)), {{"ret", e.ret}});
		return;
	case EventKind::IrqEntry:
	case EventKind::IrqExit:
	case EventKind::SoftirqEntry:
	case EventKind::SoftirqExit:
	case EventKind::TimerExpireEntry:
	case EventKind::TimerExpireExit:
	case EventKind::Console: {
		// The ftrace payload names the event ("local_timer_entry: vector=236").
		std::string payload = format_payload(e);
		std::string name = payload.substr(0, payload.find(':'));
		instant(e, std::move(name), {{"event", std::move(payload)}});
		return;
	}
	case EventKind::Context:
	case EventKind::Report:
		// Not asked for (categories() is the tracepoints' kCategoryAll).
		return;
	}
}

json PerfettoSink::document() const
{
	json events = json::array();
	events.push_back(metadata("process_name", kCpuTracksPid, kCpuTracksPid, {{"name", "CPUs"}}));
	events.push_back(metadata("process_sort_index", kCpuTracksPid, kCpuTracksPid, {{"sort_index", -1}}));
	for (uint32_t cpu = 0; cpu < m_running.size(); cpu++) {
		events.push_back(metadata("thread_name", kCpuTracksPid, cpu_tid(cpu),
					  {{"name", fmt::format("CPU {}", cpu)}}));
		events.push_back(
			metadata("thread_sort_index", kCpuTracksPid, cpu_tid(cpu), {{"sort_index", cpu}}));
	}
	for (const auto& [pid, t] : m_tasks) {
		// A process is named after its main thread; kctx's processes are single-threaded.
		if (t.tgid == pid)
			events.push_back(metadata("process_name", t.tgid, t.tgid, {{"name", t.comm}}));
		events.push_back(metadata("thread_name", t.tgid, pid, {{"name", t.comm}}));
	}
	for (const json& e : m_events)
		events.push_back(e);
	return json{{"traceEvents", std::move(events)},
		    {"displayTimeUnit", "ns"},
		    {"otherData",
		     {{"producer", "kctx"}, {"clock", "each CPU's simulated clock, ns since boot"}}}};
}

std::string PerfettoSink::text() const
{
	return document().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kctx::trace
