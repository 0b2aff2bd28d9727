// The wall clock a file's times come from: CLOCK_REALTIME on the CPU a task last ran on
// (current_time(inode) in Linux is the coarse realtime clock, ktime_get_coarse_real_ts64()).
#pragma once

#include <cstdint>

#include "kernel/core/Machine.h"
#include "kernel/time/Jiffies.h"

namespace kctx::kernel {

[[nodiscard]] inline uint64_t task_realtime_ns(const Machine& m, TaskId t)
{
	return realtime_ns(m.cpus[m.tasks[t].cpu].now);
}

}   // namespace kctx::kernel
