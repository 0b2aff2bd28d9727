// Sleeping and spinning lock slow paths.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

#include "kernel/sched/RunStates.h"

namespace kctx::kernel {

// A spinning lock's flavour: the word it lives in and how it is taken (spinlock_t, or
// rwlock_t's read or write side).
enum class LockFlavor : uint8_t { Spin, Read, Write };
// How an acquisition treats irqs and bottom halves: _raw_spin_lock, _irq, _irqsave, _bh.
enum class LockVariant : uint8_t { Plain, Irq, IrqSave, Bh };

namespace run {

// native_queued_spin_lock_slowpath(), queued_read_lock_slowpath(),
// queued_write_lock_slowpath() (kernel/locking/qspinlock.c, qrwlock.c): spins until the
// lock is free. It never sleeps, so it has no resume point: every step tries the lock.
struct Spin {
	uint64_t lock = 0;                          // the lock's address
	LockFlavor flavor = LockFlavor::Spin;
	LockVariant variant = LockVariant::Plain;   // for the _raw_* line of the call trace
	uint64_t flags = 0;                         // what _raw_*_lock_irqsave() returns
	bool operator==(const Spin&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(lock, flavor, variant, flags); }
};

// __mutex_lock_common() (kernel/locking/mutex.c): queue on the mutex and sleep until it is
// free, or a signal ends an interruptible or killable wait.
struct MutexLock {
	enum class Resume : uint8_t {
		Start,      // try the mutex; taken or queue and sleep
		Slept,      // back from schedule(): try again, or give up for a signal
	};
	Resume resume = Resume::Start;
	uint64_t lock = 0;          // the mutex's address
	uint32_t sleep_state = 0;   // TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE
	bool operator==(const MutexLock&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, lock, sleep_state); }
};

// __down_common() (kernel/locking/semaphore.c): queue on the semaphore and sleep until
// up() hands it over, a signal comes (interruptible, killable) or down_timeout()'s
// time is up.
struct SemDown {
	enum class Resume : uint8_t {
		Start,      // queue and sleep (the count was zero)
		Slept,      // back from schedule()/schedule_timeout(): granted, interrupted, timed out or again
	};
	Resume resume = Resume::Start;
	uint64_t sem = 0;                   // the semaphore's address
	uint32_t sleep_state = 0;           // TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE
	uint64_t deadline = kNoDeadline;    // the jiffy down_timeout() gives up at
	bool operator==(const SemDown&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, sem, sleep_state, deadline); }
};

}  // namespace run
}  // namespace kctx::kernel
