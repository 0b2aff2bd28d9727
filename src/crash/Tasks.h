// How crash names tasks: their states, the header line, the context block, and the
// task list in crash's order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crash/Target.h"

namespace kctx::crash {

// task.c task_state_string(): RU IN UN ZO ST DE ID.
[[nodiscard]] std::string_view state_code(const kernel::Task& t);
// The STATE line of the context block: TASK_RUNNING, TASK_INTERRUPTIBLE, ...
[[nodiscard]] std::string_view state_name(const kernel::Task& t);
// A task a dump still holds: not a free slot, not reaped.
[[nodiscard]] bool is_live(const kernel::Task& t);
// Every live task by pid; the pid-0 idle tasks in CPU order (crash sorts its context
// array so).
[[nodiscard]] std::vector<kernel::TaskId> tasks_in_order(const Target& t);
// The CPU whose current task this is, if it is running on one.
[[nodiscard]] std::optional<uint32_t> active_cpu(const Target& t, kernel::TaskId id);
// print_task_header() in 8.0.2: "PID: %-7ld  TASK: %-16lx  CPU: %-3s  COMMAND: \"%s\"".
[[nodiscard]] std::string task_header(const Target& t, kernel::TaskId id);
// The block `set` and the banner print: PID, COMMAND, TASK, CPU, STATE.
[[nodiscard]] std::string context_block(const Target& t, kernel::TaskId id);
// A task named by pid (decimal) or task_struct address (hex), as crash's arguments do.
[[nodiscard]] std::optional<kernel::TaskId> find_task(const Target& t, std::string_view arg);

// runq's CFS tree of `cpu`: its runnable fair tasks but the one running, leftmost
// (smallest vruntime) first.
[[nodiscard]] std::vector<kernel::TaskId> cfs_queue(const Target& t, uint32_t cpu);

}  // namespace kctx::crash
