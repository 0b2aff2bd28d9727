// A module's own workqueues (kernel/workqueue.c alloc_workqueue()) as plain data in the
// Machine. Bound queues share the per-CPU pools with system_wq (kworker/N:0, as on Linux,
// where every bound queue feeds the same per-CPU worker pools); unbound and ordered ones
// feed the unbound pool, whose worker is kworker/uP:0 (P: the pool's id, 2 * nr_cpus for
// the first unbound pool after the per-CPU normal and highpri pools).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kctx::kernel {

struct Workqueue {
	std::string name;            // wq->name, as alloc_workqueue() formatted it
	uint32_t flags = 0;          // WQ_UNBOUND, __WQ_ORDERED, WQ_MEM_RECLAIM, …
	int32_t max_active = 0;
	uint32_t rescuer = ~0u;      // WQ_MEM_RECLAIM: the rescuer kthread (TaskId), named after the queue
	bool draining = false;       // __WQ_DRAINING: drain_workqueue() or destroy_workqueue() in progress
	bool operator==(const Workqueue&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(name, flags, max_active, rescuer, draining); }
};

struct WorkqueueState {
	std::map<uint64_t, Workqueue> queues;     // by struct workqueue_struct address
	std::vector<uint64_t> unbound_worklist;   // the unbound pool's queued work items, in order
	uint32_t unbound_worker = ~0u;            // kworker/uP:0 (TaskId), made on first use
	bool operator==(const WorkqueueState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(queues, unbound_worklist, unbound_worker); }
};

// include/linux/workqueue.h
inline constexpr uint32_t WQ_UNBOUND = 1u << 1;
inline constexpr uint32_t WQ_MEM_RECLAIM = 1u << 3;
inline constexpr uint32_t WQ_HIGHPRI = 1u << 4;
inline constexpr uint32_t WQ_ORDERED = 1u << 17;   // __WQ_ORDERED

}  // namespace kctx::kernel
