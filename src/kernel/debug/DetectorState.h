// The lockup and hung-task detectors' state (kernel/watchdog.c, kernel/watchdog_hld.c,
// kernel/hung_task.c): per CPU, per task and machine-wide. Plain data, part of the Machine.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// kernel/watchdog.c's per-CPU variables, in get_timestamp() units (running_clock() >> 30,
// ~1.07 s), and watchdog_hld.c's perf NMI.
struct CpuWatchdog {
	uint64_t touch_ts = 0;               // watchdog_touch_ts
	uint64_t report_ts = 0;              // watchdog_report_ts
	bool softlockup_queued = false;      // softlockup_fn queued on the stopper, not yet run
	uint64_t next_nmi = 10'000'000'000ull;   // the perf NMI every watchdog_thresh seconds
	uint64_t hrtimer_interrupts = 0;
	uint64_t hrtimer_interrupts_saved = 0;
	bool hard_warned = false;            // hard_watchdog_warn
	bool operator==(const CpuWatchdog&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(touch_ts, report_ts, softlockup_queued, next_nmi, hrtimer_interrupts, hrtimer_interrupts_saved, hard_warned);
	}
};

// kernel/hung_task.c's view of one task: its switch count and when khungtaskd saw it change.
struct TaskHung {
	uint64_t last_switch_count = 0;
	uint64_t last_switch_time = 0;
	bool operator==(const TaskHung&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(last_switch_count, last_switch_time); }
};

// khungtaskd itself.
struct HungTaskCheck {
	uint64_t next_check = 0;     // its next scan (ns)
	uint32_t warnings = 10;      // sysctl_hung_task_warnings
	bool operator==(const HungTaskCheck&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(next_check, warnings); }
};

}   // namespace kctx::kernel
