// kernel/pid.c's pid allocator as plain data: the idr of pids held and its cyclic cursor.
#pragma once

#include <cstdint>
#include <algorithm>
#include <optional>
#include <vector>

namespace kctx::kernel {

inline constexpr int32_t kReservedPids = 300;   // kernel/pid.c RESERVED_PIDS

struct PidState {
	int32_t next = 1;          // idr_alloc_cyclic()'s cursor: where the next search starts
	// The idr: the pids held, ascending, from alloc() to free(). A sorted vector, not a
	// set: `kctx check` compares and copies this table once per transition, and a vector
	// of a few dozen ints does both without walking or allocating nodes.
	std::vector<int32_t> held;

	// alloc_pid(): the first pid no task holds from the cursor up to pid_max, then from
	// RESERVED_PIDS once the cursor has passed it; it is held and the cursor moves past
	// it. None when every pid is taken.
	std::optional<int32_t> alloc(int32_t pid_max);
	// The pid alloc() would give, without taking it (copy_process()'s check before it
	// commits to a new task).
	[[nodiscard]] std::optional<int32_t> peek(int32_t pid_max) const;
	void hold(int32_t pid)
	{
		auto it = std::lower_bound(held.begin(), held.end(), pid);
		if (it == held.end() || *it != pid)
			held.insert(it, pid);
	}
	void free(int32_t pid)   // release_task() -> free_pid()
	{
		auto it = std::lower_bound(held.begin(), held.end(), pid);
		if (it != held.end() && *it == pid)
			held.erase(it);
	}
	// nr_threads: every task until release_task(), the idle tasks not counted; each
	// holds a pid until then.
	[[nodiscard]] uint32_t nr_threads() const { return static_cast<uint32_t>(held.size()); }

	bool operator==(const PidState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(next, held); }
};

}   // namespace kctx::kernel
