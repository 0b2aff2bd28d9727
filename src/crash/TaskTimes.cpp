// ps -t (task.c show_task_times() in crash 8.0.2) on 6.1's task_struct, whose start_time
// is a u64 of ns since boot (crash's START_TIME_NSECS case) and whose utime and stime
// are u64 ns (crash's use_utime_stime case: "UTIME:"/"STIME:", not "USER TIME:").
#include <algorithm>
#include <fmt/format.h>

#include "crash/Tasks.h"
#include "crash/Views.h"

namespace kctx::crash {

namespace {

// task.c convert_start_time() for START_TIME_NSECS: the start in whole seconds, as
// jiffies, taken from the uptime in jiffies (0 if the start is later).
uint64_t run_jiffies(uint64_t start_ns, uint64_t uptime_jiffies, uint32_t hz)
{
	uint64_t start = start_ns / 1'000'000'000ull * hz;
	return start > uptime_jiffies ? 0 : uptime_jiffies - start;
}

}  // namespace

TaskTimes task_times(const Target& t, kernel::TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	TaskTimes times;
	times.id = id;
	times.start_ns = task.start_time;
	// kctx keeps one figure, se.sum_exec_runtime, not the tick-sampled split of
	// kernel/sched/cputime.c. A kernel thread never runs in user mode, so all of its
	// time is system time; a process's shows as user time, as kctx's getrusage() does.
	(task.kthread ? times.stime_ns : times.utime_ns) = task.sched.sum_exec;
	return times;
}

std::string show_task_times(const Target& t, std::vector<TaskTimes> times)
{
	std::stable_sort(times.begin(), times.end(), [](const TaskTimes& a, const TaskTimes& b) {
		return a.start_ns < b.start_ns;
	});
	// kernel.c get_uptime(): jiffies_64 less INITIAL_JIFFIES.
	uint64_t uptime_jiffies = t.meta.taken_ns / t.config.tick_ns();
	std::string out;
	for (const TaskTimes& tt : times) {
		out += task_header(t, tt.id);
		out += fmt::format("    RUN TIME: {}\n", convert_time(run_jiffies(tt.start_ns, uptime_jiffies, t.config.hz), t.config.hz));
		out += fmt::format("  START TIME: {}\n", tt.start_ns);
		out += fmt::format("       UTIME: {}\n       STIME: {}\n\n", tt.utime_ns, tt.stime_ns);
	}
	return out;
}

}  // namespace kctx::crash
