// A task's index in Machine::tasks: how every part of the machine names a task.
#pragma once

#include <cstdint>

namespace kctx::kernel {

using TaskId = uint32_t;
inline constexpr TaskId kNoTask = ~0u;

}   // namespace kctx::kernel
