// kernel/pid.c alloc_pid(): idr_alloc_cyclic() from the last pid given out up to pid_max,
// then from RESERVED_PIDS (300) once the cursor has passed it. The held pids are a
// sorted vector, so the search walks the held pids from the cursor, not every task.
#include "kernel/task/PidState.h"

#include <algorithm>

namespace kctx::kernel {

std::optional<int32_t> PidState::peek(int32_t pid_max) const
{
	// The first pid in [from, pid_max) that no task holds.
	auto first_free = [&](int32_t from) -> std::optional<int32_t> {
		int32_t pid = from;
		for (auto it = std::lower_bound(held.begin(), held.end(), from); it != held.end() && *it == pid; ++it)
			pid++;
		return pid < pid_max ? std::optional<int32_t>(pid) : std::nullopt;
	};
	int32_t pid_min = next > kReservedPids ? kReservedPids : 1;
	std::optional<int32_t> pid = first_free(std::max(next, pid_min));
	if (!pid && next > pid_min)
		pid = first_free(pid_min);
	return pid;
}

std::optional<int32_t> PidState::alloc(int32_t pid_max)
{
	std::optional<int32_t> pid = peek(pid_max);
	if (pid) {
		next = *pid + 1;   // idr_alloc_cyclic() moves the cursor past it
		hold(*pid);
	}
	return pid;
}

}  // namespace kctx::kernel
