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

struct RunTimers {
	bool operator==(const RunTimers&) const = default;
	void serialize(auto&) {}
};

struct CallTimerFn {
	bool operator==(const CallTimerFn&) const = default;
	void serialize(auto&) {}
};

struct RunHrtimer {
	bool operator==(const RunHrtimer&) const = default;
	void serialize(auto&) {}
};

struct Delay {
	bool operator==(const Delay&) const = default;
	void serialize(auto&) {}
};

}  // namespace run
}  // namespace kctx::kernel
