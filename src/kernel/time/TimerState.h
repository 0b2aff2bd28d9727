// The kernel's timers (kernel/time/): timer_list and hrtimer as kctx keeps them, the
// per-CPU queues that order them, and each CPU's tick. Plain data, part of the Machine.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kernel/core/TaskId.h"

namespace kctx::kernel {

enum class TimerKind : uint8_t {
	Module,          // a module's struct timer_list; fn is its callback's address
	ProcessTimeout,  // schedule_timeout()'s on-stack timer: wakes `task`
	DelayedWork,     // delayed_work_timer_fn: queues the work item at key - offsetof(struct delayed_work, timer)
};

// A pending or idle timer_list, keyed by the struct's address.
struct Timer {
	TimerKind kind = TimerKind::Module;
	uint64_t fn = 0;
	uint32_t flags = 0;
	uint64_t expires = 0;   // jiffies, as the caller asked
	uint64_t bucket = 0;    // jiffies when the wheel runs it (kernel/time/timer.c calc_index)
	uint32_t cpu = 0;
	bool pending = false;
	TaskId task = kNoTask;
	uint64_t seq = 0;       // arming order, to break ties deterministically
	std::string name;       // its lockdep map's name, "(&t->timer)"
	uint64_t key = 0;       // its lockdep class key (the timer_setup() call site)
	bool operator==(const Timer&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(kind, fn, flags, expires, bucket, cpu, pending, task, seq, name, key); }
};

enum class HrtimerKind : uint8_t {
	Module,    // a module's struct hrtimer
	Sleeper,   // hrtimer_sleeper of nanosleep: wakes `task`
	Alarm,     // alarm(2)'s ITIMER_REAL: SIGALRM to `task`
	Watchdog,  // kernel/watchdog.c watchdog_timer_fn on `cpu`
};

struct Hrtimer {
	HrtimerKind kind = HrtimerKind::Module;
	uint64_t fn = 0;
	uint32_t mode = 0;        // HRTIMER_MODE_*
	uint64_t expires = 0;     // ns
	uint32_t cpu = 0;
	bool pending = false;
	TaskId task = kNoTask;
	uint64_t seq = 0;
	bool operator==(const Hrtimer&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(kind, fn, mode, expires, cpu, pending, task, seq); }
};

// A pending timer_list or hrtimer in its CPU's queue, ordered as the CPU runs them: by
// when (the wheel bucket's jiffy, or the hrtimer's expiry in ns), then arming order. The
// queues mirror the timers' `pending` flags (time/TimerQueue.cpp keeps them in step), so
// the next event is the first entry of a CPU's range, not a scan of every timer (the
// kernel's wheel and per-CPU timerqueue rbtree: kernel/time/timer.c, lib/timerqueue.c).
struct TimerQueueKey {
	uint32_t cpu = 0;
	uint64_t when = 0;
	uint64_t seq = 0;
	uint64_t addr = 0;
	auto operator<=>(const TimerQueueKey&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(cpu, when, seq, addr); }
};

// All the machine's timers (the wheel and the hrtimer bases of every CPU, as one value).
struct TimeState {
	std::map<uint64_t, Timer> timers;       // by struct timer_list address
	std::map<uint64_t, Hrtimer> hrtimers;   // by struct hrtimer address
	std::set<TimerQueueKey> timer_queue;     // the pending timers, by (cpu, bucket, seq)
	std::set<TimerQueueKey> hrtimer_queue;   // the pending hrtimers, by (cpu, expires, seq)
	uint64_t timer_seq = 0;                  // arming order

	// The queues mirror the timers' `pending` flags (time/TimerQueue.cpp): a change to a
	// pending timer's cpu, expiry or seq is made between its unqueue and its enqueue.
	void timer_unqueue(uint64_t addr);
	void timer_enqueue(uint64_t addr);
	void hrtimer_unqueue(uint64_t addr);
	void hrtimer_enqueue(uint64_t addr);
	[[nodiscard]] std::optional<TimerQueueKey> first_timer(uint32_t cpu) const;
	// The hrtimers of `cpu` that have expired by `now`, earliest first.
	[[nodiscard]] std::vector<uint64_t> due_hrtimers(uint32_t cpu, uint64_t now) const;

	// The timer API (time/TimerList.cpp). mod_timer(): arms the timer_list at `addr` for
	// `expires`, in the wheel bucket it lands in from `clk`, the arming CPU's jiffies
	// (kernel/time/timer.c); it runs on `cpu`.
	void mod_timer(uint64_t addr, TimerKind kind, uint64_t fn, uint32_t flags, uint64_t expires, uint64_t clk,
		       uint32_t cpu, TaskId task);
	// del_timer(): true if the timer was pending.
	bool del_timer(uint64_t addr);
	// Whether a timer of `cpu` is due at its jiffy `clk` (its bucket has come).
	[[nodiscard]] bool timers_due(uint32_t cpu, uint64_t clk) const;
	// hrtimer_start() for `expires_ns` on `cpu`'s base; hrtimer_cancel(): true if it was pending.
	void hrtimer_start(uint64_t addr, HrtimerKind kind, uint64_t fn, uint64_t expires_ns, uint32_t mode, uint32_t cpu,
			   TaskId task);
	bool hrtimer_cancel(uint64_t addr);
	// The expiry of `cpu`'s first pending hrtimer, ~0 if none.
	[[nodiscard]] uint64_t next_hrtimer_ns(uint32_t cpu) const;

	bool operator==(const TimeState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(timers, hrtimers, timer_queue, hrtimer_queue, timer_seq); }
};

// A CPU's periodic tick (kernel/time/tick-sched.c struct tick_sched).
struct CpuTick {
	uint64_t next = 0;        // ts->next_tick: when the tick fires next (ns)
	bool stopped = false;     // ts->tick_stopped: NO_HZ idle
	bool operator==(const CpuTick&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(next, stopped); }
};

}   // namespace kctx::kernel
