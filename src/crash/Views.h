// What the commands show, as data: the rows of ps, the frames of bt, the members of
// task. The commands format these as crash does; --json (crash/Json.h) prints them as
// JSON for scripts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crash/Target.h"

namespace kctx::crash {

struct PsRow {
	kernel::TaskId id = 0;
	bool active = false;
	double pct_mem = 0;
	uint64_t vsz_kb = 0;
	uint64_t rss_kb = 0;
};
// Every task ps lists, in its order.
[[nodiscard]] std::vector<PsRow> ps_rows(const Target& t);

enum class StackKind : uint8_t { Task, Irq, Nmi };
struct BtFrame {
	int level = 0;
	uint64_t slot = 0;            // the frame's stack address
	std::string function;
	uint64_t address = 0;
	std::string module;           // empty: the kernel's own
	StackKind stack = StackKind::Task;
};
struct BtRegisters {
	bool present = false;
	std::string exception_rip;    // a kernel context interrupted there, else empty
	uint64_t rip = 0, rsp = 0;
	std::string cs, ss;
};
struct Backtrace {
	std::vector<BtFrame> frames;
	BtRegisters regs;             // the exception frame at the end (user registers)
};
[[nodiscard]] Backtrace backtrace_of(const Target& t, kernel::TaskId id);

// ps -t's figures of one task (6.1's task_struct: start_time and utime/stime, u64 ns).
struct TaskTimes {
	kernel::TaskId id = 0;
	uint64_t start_ns = 0;   // task->start_time: ns since boot when copy_process() made it
	uint64_t utime_ns = 0;
	uint64_t stime_ns = 0;
};
[[nodiscard]] TaskTimes task_times(const Target& t, kernel::TaskId id);
// show_task_times(): each task's header, RUN TIME, START TIME, UTIME, STIME and a blank
// line, sorted by start time (crash's qsort; tasks started at once keep their order).
[[nodiscard]] std::string show_task_times(const Target& t, std::vector<TaskTimes> times);

// task's members: (dotted name, value as task prints it).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> task_members(const Target& t, kernel::TaskId id);

}  // namespace kctx::crash
