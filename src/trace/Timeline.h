// The HTML page's sink: from the trace's events it keeps, per CPU, the nested context
// bands (Context.h), preempt_count and the irq flag; per task its scheduler state; the
// kernel's reports with the console lines they printed; and the console itself. Long runs
// stay small: when the segments pass a budget, the finest detail is merged (Lane.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trace/Event.h"
#include "trace/Lane.h"
#include "trace/Sink.h"

namespace kctx::trace {

// A task's state in its lane (include/linux/sched.h TASK_*; R split by whether it runs).
#define KCTX_TASK_STATES(X)                                             \
	X(Running, "running")     /* current on a CPU (the label names it) */ \
	X(Runnable, "runnable")   /* TASK_RUNNING, waiting for a CPU */       \
	X(Sleeping, "S")          /* TASK_INTERRUPTIBLE */                    \
	X(Blocked, "D")           /* TASK_UNINTERRUPTIBLE */                  \
	X(Stopped, "T")           /* __TASK_STOPPED (kctx traces none) */

enum class TaskState : uint8_t {
#define KCTX_TASK_STATE(name, text) name,
	KCTX_TASK_STATES(KCTX_TASK_STATE)
#undef KCTX_TASK_STATE
};
[[nodiscard]] std::vector<std::string_view> task_state_names();

struct CpuLanes {
	std::vector<Lane> bands;   // by depth: 0 is the task's own mode
	Lane preempt;              // value: preempt_count, shown while non-zero
	Lane irqs_off;             // value 1 while EFLAGS.IF is clear
	uint64_t start = 0, end = 0;
};

struct TaskLane {
	int32_t pid = 0;
	std::string name;   // "comm/pid", the last comm seen
	Lane state;
};

struct ReportMark {
	uint64_t ts = 0;
	uint32_t cpu = 0;
	ReportKind kind = ReportKind::Bug;
	uint64_t console_start = 0, console_end = 0;   // console bytes of its lines
};

// Where a printk record's line starts in the console, and when and where it was printed:
// how a click on a console line finds its place on the timeline.
struct PrintkMark {
	uint64_t console_pos = 0;
	uint64_t ts = 0;
	uint32_t cpu = 0;
};

struct TimelineLimits {
	size_t max_segments = 150'000;            // all lanes together, before merging
	size_t max_console = 2u << 20;            // bytes of console kept for the page
	size_t max_reports = 2000;
	uint64_t first_resolution = 1'000;        // ns: the first merge's grain
};

class TimelineSink final : public Sink {
public:
	explicit TimelineSink(TimelineLimits limits = {});
	[[nodiscard]] uint32_t categories() const override
	{
		return kCategorySched | kCategoryPrintk | kCategoryContext;
	}
	void event(const Event& e) override;
	void cpu_start(uint32_t cpu, uint64_t ts, const TaskInfo& curr) override;
	void cpu_end(uint32_t cpu, uint64_t ts) override;
	// The console's bytes as the machine printed them (its whole stream, user output too).
	void add_console(std::string_view text);
	// Where the console stream began when tracing started (kernel::Machine::console_flushed).
	void set_console_base(uint64_t base) { m_console_base = base; }

	[[nodiscard]] const std::vector<CpuLanes>& cpus() const { return m_cpus; }
	[[nodiscard]] const std::map<int32_t, TaskLane>& tasks() const { return m_tasks; }
	[[nodiscard]] const std::vector<ReportMark>& reports() const { return m_reports; }
	[[nodiscard]] const std::vector<PrintkMark>& printks() const { return m_printks; }
	[[nodiscard]] const std::vector<std::string>& strings() const { return m_strings; }
	[[nodiscard]] const std::string& console() const { return m_console; }
	[[nodiscard]] uint64_t console_base() const { return m_console_base; }
	[[nodiscard]] bool console_truncated() const { return m_console_truncated; }
	// 0 while every segment is as recorded; else the grain the detail was merged to.
	[[nodiscard]] uint64_t resolution() const { return m_resolution; }
	[[nodiscard]] size_t segment_count() const;

private:
	CpuLanes& cpu(uint32_t cpu);
	TaskLane& task(const TaskInfo& t);
	uint32_t intern(const std::string& s);
	void context(const Event& e);
	void switched(const Event& e);
	void added(size_t n);

	TimelineLimits m_limits;
	std::vector<CpuLanes> m_cpus;
	std::map<int32_t, TaskLane> m_tasks;   // by pid; the idle tasks have none
	std::vector<ReportMark> m_reports;
	std::vector<PrintkMark> m_printks;
	std::vector<std::string> m_strings;
	std::map<std::string, uint32_t, std::less<>> m_string_ids;
	std::string m_console;
	uint64_t m_console_base = 0;
	bool m_console_truncated = false;
	uint64_t m_resolution = 0;
	size_t m_added = 0;   // segments begun since the last count
};

}  // namespace kctx::trace
