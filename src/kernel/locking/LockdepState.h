// lockdep's state (see Lockdep.h): plain data, part of the Machine. Classes, the
// dependency graph, every task's held-lock stack and irq-trace events, all by index:
// a class is its position in `classes`, a dependency its position in `deps`.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kctx::kernel {

// include/linux/lockdep_types.h MAX_LOCK_DEPTH: held locks per task.
inline constexpr uint32_t kLockdepMaxDepth = 48;
// kernel/locking/lockdep_internals.h enum lock_usage_bit: USED_IN, USED_IN_READ,
// ENABLED, ENABLED_READ for HARDIRQ (0-3) then SOFTIRQ (4-7), LOCK_USED, LOCK_USED_READ.
inline constexpr uint32_t kLockUsageStates = 10;

// lockdep's own shadows of a task's irq state (current->hardirq_context, softirq_context,
// softirqs_enabled): they survive schedule_debug()'s preempt_count reset.
struct TaskLockdep {
	int32_t hardirq_context = 0;
	int32_t softirq_context = 0;
	bool softirqs_enabled = true;
	bool operator==(const TaskLockdep&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(hardirq_context, softirq_context, softirqs_enabled); }
};

// A call trace as the kernel prints it, one "sym+0x1c/0x40 [mod]" per frame (innermost
// first): what save_trace() kept.
using LockdepTrace = std::vector<std::string>;

// struct lock_class: one per (key, name). The graph edges are ids into LockdepState::deps,
// in the order they were added (lockdep appends to locks_after/locks_before, and the BFS
// walks them in that order, which decides which path a report shows).
struct LockdepClass {
	uint64_t key = 0;
	std::string name;
	uint32_t name_version = 1;     // count_matching_names(): "name#2" for the second class
	uint8_t wait_type_inner = 0;   // enum lockdep_wait_type
	uint8_t wait_type_outer = 0;
	uint16_t usage_mask = 0;       // 1 << enum lock_usage_bit
	std::array<LockdepTrace, kLockUsageStates> usage_traces{};   // where each bit was first set
	std::vector<uint32_t> locks_after;    // deps with prev == this class
	std::vector<uint32_t> locks_before;   // deps with next == this class
	bool operator==(const LockdepClass&) const = default;
	template <typename Ar> void serialize(Ar& ar)
	{
		ar(key, name, name_version, wait_type_inner, wait_type_outer, usage_mask, usage_traces, locks_after,
		   locks_before);
	}
};

// One lock dependency prev -> next (the pair of struct lock_list entries lockdep keeps in
// prev's locks_after and next's locks_before), with the trace of when it was first seen.
struct LockdepDep {
	uint32_t prev = 0;
	uint32_t next = 0;
	uint8_t dep = 0;    // DEP_{SR,ER,SN,EN}_MASK bits seen for prev -> next (calc_dep)
	uint8_t depb = 0;   // the same seen from next's side (calc_depb), for backwards searches
	LockdepTrace trace;
	bool operator==(const LockdepDep&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(prev, next, dep, depb, trace); }
};

// struct held_lock.
struct LockdepHeldLock {
	uint64_t instance = 0;     // the lockdep_map's address (the lock's)
	uint32_t class_idx = 0;
	std::string acquire_ip;    // "foo+0x1c/0x40 [mymod]"
	uint8_t read = 0;          // 0 write, 1 read, 2 recursive read
	bool trylock = false;
	bool check = true;         // 0 for rcu_read_lock(): no dependencies, no irq usage
	bool hardirqs_off = false;
	uint8_t irq_context = 0;   // task_irq_context(): 1 hardirq + 2 softirq
	bool operator==(const LockdepHeldLock&) const = default;
	template <typename Ar> void serialize(Ar& ar)
	{
		ar(instance, class_idx, acquire_ip, read, trylock, check, hardirqs_off, irq_context);
	}
};

// struct irqtrace_events: the task's last irq/bh on/off transitions, stamped from its
// own irq_events counter, for print_irqtrace_events().
struct LockdepIrqTrace {
	uint32_t irq_events = 0;
	uint32_t hardirq_enable_event = 0;
	uint32_t hardirq_disable_event = 0;
	uint32_t softirq_enable_event = 0;
	uint32_t softirq_disable_event = 0;
	std::string hardirq_enable_ip;   // empty: never (prints as 0x0)
	std::string hardirq_disable_ip;
	std::string softirq_enable_ip;
	std::string softirq_disable_ip;
	bool operator==(const LockdepIrqTrace&) const = default;
	template <typename Ar> void serialize(Ar& ar)
	{
		ar(irq_events, hardirq_enable_event, hardirq_disable_event, softirq_enable_event, softirq_disable_event,
		   hardirq_enable_ip, hardirq_disable_ip, softirq_enable_ip, softirq_disable_ip);
	}
};

// lockdep's part of a task_struct.
struct LockdepTask {
	std::vector<LockdepHeldLock> held;   // held_locks[0 .. lockdep_depth)
	LockdepIrqTrace irqtrace;
	bool operator==(const LockdepTask&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(held, irqtrace); }
};

// What lockdep knows of a lock instance without holding it: its lockdep_map's name, for
// "bad unlock balance" (print_lockdep_cache), and whether it is a lock lockdep does not
// track at all (a semaphore), whose release is then ignored too.
struct LockdepMap {
	std::string name;
	bool untracked = false;
	bool operator==(const LockdepMap&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(name, untracked); }
};

// All of lockdep's state; part of the Machine.
struct LockdepState {
	bool debug_locks = true;   // cleared by the first report (debug_locks_off())
	std::vector<LockdepClass> classes;
	std::map<std::pair<uint64_t, std::string>, uint32_t> class_index;   // (key, name) -> class
	std::vector<LockdepDep> deps;
	std::map<uint32_t, LockdepTask> tasks;   // by TaskId; only tasks lockdep has seen
	std::map<uint64_t, LockdepMap> maps;     // by instance
	bool operator==(const LockdepState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(debug_locks, classes, class_index, deps, tasks, maps); }
};

}  // namespace kctx::kernel
