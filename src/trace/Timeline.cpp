#include "trace/Timeline.h"

#include <array>

#include <fmt/format.h>

#include "abi/Preempt.h"

namespace kctx::trace {

namespace {

constexpr std::array kTaskStateNames = {
#define KCTX_TASK_STATE(name, text) std::string_view(text),
	KCTX_TASK_STATES(KCTX_TASK_STATE)
#undef KCTX_TASK_STATE
};

// The state a task switched out in sleeps in (the sched_switch's prev_state); a
// preemption leaves it runnable.
TaskState state_after_switch(uint32_t prev_state, bool preempted)
{
	if (preempted)
		return TaskState::Runnable;
	if (prev_state & abi::TASK_UNINTERRUPTIBLE)
		return TaskState::Blocked;
	if (prev_state & abi::TASK_INTERRUPTIBLE)
		return TaskState::Sleeping;
	if (prev_state & abi::TASK_STOPPED)
		return TaskState::Stopped;
	return TaskState::Runnable;
}

Shown shown(TaskState s, uint32_t label = 0) { return Shown{static_cast<uint32_t>(s), label}; }

}  // namespace

std::vector<std::string_view> task_state_names() { return {kTaskStateNames.begin(), kTaskStateNames.end()}; }

TimelineSink::TimelineSink(TimelineLimits limits) : m_limits(limits) { intern(""); }

uint32_t TimelineSink::intern(const std::string& s)
{
	auto it = m_string_ids.find(s);
	if (it != m_string_ids.end())
		return it->second;
	uint32_t id = static_cast<uint32_t>(m_strings.size());
	m_strings.push_back(s);
	m_string_ids.emplace(s, id);
	return id;
}

CpuLanes& TimelineSink::cpu(uint32_t cpu)
{
	if (m_cpus.size() <= cpu)
		m_cpus.resize(cpu + 1);
	return m_cpus[cpu];
}

TaskLane& TimelineSink::task(const TaskInfo& t)
{
	TaskLane& lane = m_tasks[t.pid];
	lane.pid = t.pid;
	lane.name = fmt::format("{}/{}", t.comm, t.pid);
	return lane;
}

void TimelineSink::cpu_start(uint32_t c, uint64_t ts, const TaskInfo& curr)
{
	cpu(c).start = ts;
	if (curr.pid != 0)
		task(curr).state.set(ts, shown(TaskState::Running, intern(fmt::format("CPU {}", c))));
}

void TimelineSink::cpu_end(uint32_t c, uint64_t ts)
{
	CpuLanes& lanes = cpu(c);
	lanes.end = ts;
	for (Lane& band : lanes.bands)
		band.close(ts);
	lanes.preempt.close(ts);
	lanes.irqs_off.close(ts);
	// Tasks end where the last CPU ended.
	for (auto& [pid, lane] : m_tasks)
		if (lane.state.shown())
			lane.state.close(ts);
}

size_t TimelineSink::segment_count() const
{
	size_t n = 0;
	for (const CpuLanes& c : m_cpus) {
		for (const Lane& b : c.bands)
			n += b.segments().size();
		n += c.preempt.segments().size() + c.irqs_off.segments().size();
	}
	for (const auto& [pid, t] : m_tasks)
		n += t.state.segments().size();
	return n;
}

void TimelineSink::added(size_t n)
{
	m_added += n;
	if (m_added < m_limits.max_segments / 8)
		return;
	m_added = 0;
	// Merge at ever coarser grains until the lanes are back under half the budget, so
	// memory and the page stay bounded however long the run.
	while (segment_count() > m_limits.max_segments) {
		m_resolution = m_resolution ? m_resolution * 4 : m_limits.first_resolution;
		for (CpuLanes& c : m_cpus) {
			for (Lane& b : c.bands)
				b.coarsen(m_resolution);
			c.preempt.coarsen(m_resolution);
			c.irqs_off.coarsen(m_resolution);
		}
		for (auto& [pid, t] : m_tasks)
			t.state.coarsen(m_resolution);
		if (segment_count() <= m_limits.max_segments / 2)
			break;
	}
}

void TimelineSink::context(const Event& e)
{
	CpuLanes& lanes = cpu(e.cpu);
	size_t before = 0;
	if (lanes.bands.size() < e.context.size())
		lanes.bands.resize(e.context.size());
	// A band that changes ends every band above it: they were nested in it.
	size_t depth = 0;
	while (depth < e.context.size()) {
		const ContextLevel& l = e.context[depth];
		Shown s{static_cast<uint32_t>(l.kind), intern(l.label)};
		if (lanes.bands[depth].shown() != s)
			break;
		depth++;
	}
	for (size_t d = lanes.bands.size(); d-- > depth;)
		lanes.bands[d].close(e.ts);
	for (size_t d = depth; d < e.context.size(); d++) {
		const ContextLevel& l = e.context[d];
		lanes.bands[d].set(e.ts, Shown{static_cast<uint32_t>(l.kind), intern(l.label)});
		before++;
	}
	uint32_t pc = e.preempt_count & 0x7fffffff;   // bit 31 is x86's inverted NEED_RESCHED
	lanes.preempt.set(e.ts, pc ? std::optional(Shown{pc, 0}) : std::nullopt);
	lanes.irqs_off.set(e.ts, e.flags.irqs_off ? std::optional(Shown{1, 0}) : std::nullopt);
	added(before + 2);
}

void TimelineSink::switched(const Event& e)
{
	if (e.task.pid != 0) {
		TaskLane& prev = task(e.task);
		if (e.prev_exiting)
			prev.state.close(e.ts);   // a zombie: it never runs again
		else
			prev.state.set(e.ts, shown(state_after_switch(e.prev_state, e.preempted)));
	}
	if (e.other.pid != 0)
		task(e.other).state.set(e.ts, shown(TaskState::Running, intern(fmt::format("CPU {}", e.cpu))));
	added(2);
}

void TimelineSink::event(const Event& e)
{
	switch (e.kind) {
	case EventKind::Context: context(e); return;
	case EventKind::SchedSwitch: switched(e); return;
	case EventKind::SchedWakeup:
		if (e.other.pid != 0) {
			TaskLane& t = task(e.other);
			// A wake-up of a task that is running (woken before it slept) changes nothing.
			if (!t.state.shown() || t.state.shown()->value != static_cast<uint32_t>(TaskState::Running))
				t.state.set(e.ts, shown(TaskState::Runnable));
		}
		added(1);
		return;
	case EventKind::Report:
		if (m_reports.size() < m_limits.max_reports)
			m_reports.push_back({e.ts, e.cpu, e.report, e.console_start, e.console_pos});
		return;
	case EventKind::Console:
		if (e.console_pos - m_console_base < m_limits.max_console)
			m_printks.push_back({e.console_pos, e.ts, e.cpu});
		return;
	default: return;
	}
}

void TimelineSink::add_console(std::string_view text)
{
	size_t room = m_limits.max_console - std::min(m_limits.max_console, m_console.size());
	if (text.size() > room)
		m_console_truncated = true;
	m_console.append(text.substr(0, room));
}

}  // namespace kctx::trace
