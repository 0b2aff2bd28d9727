// Timers and sleeps: schedule_timeout(), msleep(), do_nanosleep(), the timer softirq's and hrtimer's callbacks, delay loops.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// Whether a sleep ends early for a signal (TASK_INTERRUPTIBLE) or only when its time is up
// (TASK_UNINTERRUPTIBLE).
enum class SleepMode : uint8_t { Uninterruptible, Interruptible };

namespace run {

// schedule_timeout() (kernel/time/timer.c): a process timer on the task's stack wakes it.
struct ScheduleTimeout {
	enum class Resume : uint8_t {
		Start,      // arm the timer (or not, for MAX_SCHEDULE_TIMEOUT) and schedule()
		Woken,      // back from schedule(): delete the timer, return the jiffies left
		Forever,    // back from schedule() without a timer: return MAX_SCHEDULE_TIMEOUT
	};
	Resume resume = Resume::Start;
	int64_t timeout = 0;    // jiffies to sleep
	uint64_t expire = 0;    // the jiffy the timer fires at
	bool operator==(const ScheduleTimeout&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, timeout, expire); }
};

// msleep(), ssleep(), msleep_interruptible() (kernel/time/timer.c): schedule_timeout()
// in a loop until no jiffy is left, or a signal for the interruptible kind.
struct Msleep {
	enum class Resume : uint8_t {
		Start,      // sleep the jiffies left
		Slept,      // back from schedule_timeout(): `ret` is the jiffies left
	};
	Resume resume = Resume::Start;
	uint64_t jiffies_left = 0;                      // of the whole sleep
	SleepMode mode = SleepMode::Uninterruptible;    // msleep_interruptible(): Interruptible
	bool operator==(const Msleep&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, jiffies_left, mode); }
};

// do_nanosleep() (kernel/time/hrtimer.c): an hrtimer sleeper on the task's stack;
// usleep_range() is the uninterruptible kind.
struct Nanosleep {
	enum class Resume : uint8_t {
		Start,      // arm the sleeper
		Sleeping,   // woken: by the sleeper (time is up), a signal, or spuriously
	};
	Resume resume = Resume::Start;
	uint64_t expires_ns = 0;   // absolute, on the CPU's clock
	SleepMode mode = SleepMode::Interruptible;   // usleep_range(): Uninterruptible
	bool operator==(const Nanosleep&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, expires_ns, mode); }
};

// __run_timers() (kernel/time/timer.c), under run_timer_softirq(): each step runs the
// earliest due timer of this CPU; no locals, the wheel is the CPU's.
struct RunTimers {
	bool operator==(const RunTimers&) const = default;
	void serialize(auto&) {}
};

// call_timer_fn() (kernel/time/timer.c): one timer_list callback, with lockdep's map of
// the timer held and a check that the callback left preempt_count as it found it.
struct CallTimerFn {
	enum class Resume : uint8_t {
		Call,       // take the timer's lockdep map, call the callback
		Returned,   // back from the callback: release the map, check for a preempt leak
	};
	Resume resume = Resume::Call;
	uint64_t timer = 0;          // the timer_list's address
	uint64_t fn = 0;             // its callback
	uint32_t saved_count = 0;    // preempt_count before the call
	bool operator==(const CallTimerFn&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, timer, fn, saved_count); }
};

// __hrtimer_run_queues() -> __run_hrtimer() (kernel/time/hrtimer.c): the module hrtimers
// due on this CPU, earliest first, in hardirq.
struct RunHrtimer {
	enum class Resume : uint8_t {
		Next,       // run the earliest due hrtimer, or return when none is left
		Returned,   // back from its callback: `ret` HRTIMER_RESTART re-queues it
	};
	Resume resume = Resume::Next;
	uint64_t timer = 0;   // the hrtimer being run
	bool operator==(const RunHrtimer&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, timer); }
};

// udelay(), mdelay(), ndelay() -> delay_tsc() (arch/x86/lib/delay.c): spin on the TSC,
// interrupts (if enabled) still coming.
struct Delay {
	uint64_t until_ns = 0;   // the end of the wait, on the CPU's clock
	bool operator==(const Delay&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(until_ns); }
};

}  // namespace run
}  // namespace kctx::kernel
