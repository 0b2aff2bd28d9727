// lockdep (kernel/locking/lockdep.c, CONFIG_PROVE_LOCKING): lock classes, the dependency
// graph, irq-usage states and the reports, as a library over plain-data state. The
// kernel calls it where locks are taken and released and where irqs/bh are enabled; it
// never calls back into the kernel except through the `stack` callback it is given.
//
// (Interface written first; the implementation lives in Lockdep.cpp.)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/LockdepState.h"
#include "kernel/Machine.h"

namespace kctx::kernel {

enum class LockKind : uint8_t {
	Spin,       // spinlock_t, raw_spinlock_t: wait type {2:2}
	ReadLock,   // rwlock_t read side (recursive read)
	WriteLock,  // rwlock_t write side
	Mutex,      // struct mutex: {3:3}
	Semaphore,  // struct semaphore (lockdep does not track it in 6.1: calls are no-ops)
	Map,        // a lockdep_map only: timers' call_timer_fn, work items ({0:0})
};

// What lockdep reads from `current` and the irq-tracing state at an acquisition.
struct LockContext {
	TaskId task = kNoTask;
	int32_t pid = 0;
	std::string comm;
	uint32_t preempt_count = 0;   // HC = hardirq_count()>>16, SC = softirq_count()>>8
	bool hardirqs_enabled = true;
	bool softirqs_enabled = true; // no bh-disable and not serving a softirq
	std::string ip;               // the acquire site: "foo+0x1c/0x40 [mymod]"
	uint64_t now_ns = 0;
};

// A report to print: each line as Linux prints it (no trailing newline), in order. The
// kernel prints an empty line first (pr_warn("\n")), then the lines, then, when
// `backtrace` is set, "stack backtrace:" and dump_stack() of the current task.
struct LockdepReport {
	std::vector<std::string> lines;
	bool backtrace = true;
};

// The current task's call trace as lines ("foo+0x1c/0x40 [mod]"), for recording where a
// dependency or usage state was first seen. Called only when lockdep needs one.
using StackFn = std::function<std::vector<std::string>()>;

class Lockdep {
public:
	explicit Lockdep(LockdepState& state) : m_state(state) {}

	// lock_acquire(): `instance` is the lock's address, `class_key` what identifies its
	// class (the address of its static initializer or spin_lock_init() call site) and
	// `class_name` its name ("lock", "&dev->lock").
	[[nodiscard]] std::optional<LockdepReport> acquire(const LockContext& cx, uint64_t instance, std::string_view class_name,
							   uint64_t class_key, LockKind kind, bool trylock, const StackFn& stack);
	// lock_release()
	[[nodiscard]] std::optional<LockdepReport> release(const LockContext& cx, uint64_t instance, const StackFn& stack);
	// lockdep_hardirqs_on() / lockdep_softirqs_on(): locks held while irqs/bh get enabled
	// gain the ENABLED usage bits (mark_held_locks), which can conflict.
	[[nodiscard]] std::optional<LockdepReport> hardirqs_on(const LockContext& cx, const StackFn& stack);
	[[nodiscard]] std::optional<LockdepReport> softirqs_on(const LockContext& cx, const StackFn& stack);
	// Irq tracing events, for the "irq event stamp" lines of reports.
	void hardirqs_off(const LockContext& cx);
	void softirqs_off(const LockContext& cx);
	// debug_show_held_locks(): "no locks held by comm/pid." or "N locks held by …" and
	// " #i: <lock>" lines; "INFO: lockdep is turned off." once lockdep is off.
	[[nodiscard]] std::vector<std::string> held_locks(TaskId task, std::string_view comm, int32_t pid) const;
	// The task exited or was killed: forget what it held.
	void task_gone(TaskId task);
	[[nodiscard]] bool enabled() const { return m_state.debug_locks; }

private:
	LockdepState& m_state;
};

}  // namespace kctx::kernel
