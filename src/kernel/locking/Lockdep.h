// lockdep (kernel/locking/lockdep.c, CONFIG_PROVE_LOCKING): lock classes, the dependency
// graph, irq-usage states and the reports, as a library over plain-data state. The
// kernel calls it where locks are taken and released and where irqs/bh are enabled; it
// never calls back into the kernel except through the `stack` callback it is given (and
// the optional key symbolizer).
//
// What it models, as 6.1 does it:
//  - classes keyed by (class_key, name); "name#2" for a second class of the same name;
//    wait types {outer:inner} per LockKind;
//  - usage bits per class (mark_usage/mark_lock), conflicts on one lock ("inconsistent
//    lock state") and across the graph ("irq lock inversion", "X-safe -> X-unsafe");
//  - per-task held-lock stacks (MAX_LOCK_DEPTH 48), the dependency graph with the
//    strong-path BFS of check_noncircular(), recursive and circular locking reports;
//  - check_wait_context() ("[ BUG: Invalid wait context ]", e.g. a mutex under a
//    spinlock or in a timer callback);
//  - per-task irq-trace events for "irq event stamp:" blocks;
//  - debug_locks_off() after the first report.
// Not modelled: lock chains cache (only an optimisation: re-validating a chain finds
// nothing new), subclasses/nest_lock, lock pinning, "held lock freed".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/locking/LockdepState.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel {

enum class LockKind : uint8_t {
	Spin,       // spinlock_t, raw_spinlock_t: wait type {2:2}
	ReadLock,   // rwlock_t read side: {2:2}. x86 has queued rwlocks, so (read_lock_is_recursive())
	            // a reader is a recursive reader only in_interrupt(); in process context it is a
	            // plain reader and read_lock(l); read_lock(l) is "possible recursive locking".
	WriteLock,  // rwlock_t write side: {2:2}
	Mutex,      // struct mutex: {3:3}
	Semaphore,  // struct semaphore (lockdep does not track it in 6.1: calls are no-ops)
	Map,        // a lockdep_map only: timers' call_timer_fn, work items ({0:0})
	RcuRead,    // rcu_read_lock(): rcu_lock_map, {1:2}, recursive read with check=0 (no
	            // dependencies, no irq usage), but it is listed among held locks and it makes
	            // a sleeping lock inside it an invalid wait context
};

// How the release prints a lock (kernel/locking/lockdep.c print_lock_name(), print_lock(),
// print_stack_trace()).
struct LockFormat {
	// Up to 4.14 (4.4's lockdep.c): " (name){usage}" with RECLAIM_FS's two usage
	// characters after HARDIRQ's and SOFTIRQ's and no wait types, and print_lock() without
	// the instance, its site printed by print_ip_sym(): " (name){+.+...}, at: [<addr>] sym".
	bool ip_sym = false;
	// The address of an acquire site ("foo+0x1c/0x40 [mymod]"), for print_ip_sym().
	std::function<uint64_t(std::string_view)> site_address;
};

// What lockdep reads from `current` and the irq-tracing state at the call. For an
// acquisition, the state at lock_acquire() (for spin_lock_irqsave: irqs already off).
struct LockContext {
	TaskId task = kNoTask;        // current: in an irq, the interrupted task
	int32_t pid = 0;
	std::string comm;
	uint32_t preempt_count = 0;   // HC = hardirq_count()>>16, SC = softirq_count()>>8
	bool hardirqs_enabled = true;
	bool softirqs_enabled = true; // no bh-disable and not serving a softirq
	std::string ip;               // the acquire/release/irq-toggle site: "foo+0x1c/0x40 [mymod]"
	uint64_t now_ns = 0;
	std::string ident;            // print_kernel_ident(): "<release> <version word> <taint>",
	                              // e.g. "6.1.0-kctx-debug #1 Tainted: G           O"
	bool bracketed_titles = false;   // the release titles reports "[ INFO: … ]" (up to 4.14)
	LockFormat lock_format;
};

// A report to print: each line as Linux prints it (no trailing newline), in order. A line
// may begin with a printk level ("\0017" KERN_DEBUG) which printk must honour. The kernel
// prints an empty line first (pr_warn("\n")) when `blank_line`, then the lines, then,
// when `backtrace` is set, "stack backtrace:" (if `backtrace_title`) and dump_stack() of
// the current task. Where Linux prints "\nstack backtrace:", the lines end with the
// empty line.
struct LockdepReport {
	std::vector<std::string> lines;
	bool backtrace = true;
	bool blank_line = true;        // false only for "BUG: MAX_LOCK_DEPTH too low!"
	bool backtrace_title = true;   // false only for "BUG: MAX_LOCK_DEPTH too low!" (bare dump_stack)
};

// The current task's call trace as lines ("foo+0x1c/0x40 [mod]"), for recording where a
// dependency or usage state was first seen. Called only when lockdep needs one, at most
// once per call into lockdep.
using StackFn = std::function<std::vector<std::string>()>;
// %pS of a lock class key, for the " ... key      at: [<addr>] sym" lines of dependency
// listings; without one, keys print as "0x…" (an address kallsyms does not know).
using KeySymbolFn = std::function<std::string(uint64_t)>;

class Lockdep {
public:
	explicit Lockdep(LockdepState& state) : m_state(state) {}
	Lockdep(LockdepState& state, KeySymbolFn key_symbol) : m_state(state), m_key_symbol(std::move(key_symbol)) {}

	// lock_acquire(): `instance` is the lock's address, `class_key` what identifies its
	// class (the address of its static initializer or spin_lock_init() call site) and
	// `class_name` its name ("lock", "&dev->lock").
	[[nodiscard]] std::optional<LockdepReport> acquire(const LockContext& cx, uint64_t instance, std::string_view class_name,
							   uint64_t class_key, LockKind kind, bool trylock, const StackFn& stack);
	// lock_release(). Releasing a lock the task does not hold (in the current irq context)
	// is "bad unlock balance"; the lock's name is the one it was last acquired under.
	[[nodiscard]] std::optional<LockdepReport> release(const LockContext& cx, uint64_t instance, const StackFn& stack);
	// The same, naming the lock for a report if it was never acquired (print_lockdep_cache).
	[[nodiscard]] std::optional<LockdepReport> release(const LockContext& cx, uint64_t instance, std::string_view class_name,
							   const StackFn& stack);
	// lockdep_hardirqs_on() / lockdep_softirqs_on(): locks held while irqs/bh get enabled
	// gain the ENABLED usage bits (mark_held_locks), which can conflict. Call them on real
	// off->on transitions only (lockdep drops redundant ones; kctx leaves that to the
	// caller), with `cx` the context of the call. Linux's local_bh_enable() does
	// local_irq_disable(); lockdep_softirqs_on(); local_irq_enable(): calling
	// hardirqs_off, softirqs_on, hardirqs_on reproduces its event stamps.
	[[nodiscard]] std::optional<LockdepReport> hardirqs_on(const LockContext& cx, const StackFn& stack);
	[[nodiscard]] std::optional<LockdepReport> softirqs_on(const LockContext& cx, const StackFn& stack);
	// Irq tracing events, for the "irq event stamp" lines of reports.
	void hardirqs_off(const LockContext& cx);
	void softirqs_off(const LockContext& cx);
	// debug_show_held_locks(): "no locks held by comm/pid." or "N locks held by …" and
	// " #i: <lock>" lines; "INFO: lockdep is turned off." once lockdep is off.
	[[nodiscard]] std::vector<std::string> held_locks(TaskId task, std::string_view comm, int32_t pid,
							  const LockFormat& format = {}) const;
	// print_irqtrace_events(): "irq event stamp: N" and the four "…irqs last …" lines, as
	// __schedule_bug() and __might_resched() print them when irqs are disabled.
	[[nodiscard]] std::vector<std::string> irqtrace_events(TaskId task) const;
	// lock_is_held() and lockdep_depth, for assertions and tests.
	[[nodiscard]] bool holds(TaskId task, uint64_t instance) const;
	[[nodiscard]] uint32_t depth(TaskId task) const;
	// The task exited or was killed: forget what it held.
	void task_gone(TaskId task);
	[[nodiscard]] bool enabled() const { return m_state.debug_locks; }

private:
	LockdepState& m_state;
	KeySymbolFn m_key_symbol;
};

}  // namespace kctx::kernel
