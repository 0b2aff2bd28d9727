// The explorer's view of a state: the Machine without what cannot change what happens
// next in untimed mode (docs/check.md). Two states with the same abstraction are one
// state of the search.
#pragma once

#include <cstdint>
#include <string>

#include "kernel/core/Machine.h"

namespace kctx::check {

// The Machine with its clocks and the history they stamp scrubbed: CPU clocks, tick and
// NMI deadlines, run-time accounting, timer expiries (kept as their order in each CPU's
// queue), the printk log and the console. Serialized: equal bytes, equal states.
[[nodiscard]] std::string abstract_bytes(const kernel::Machine& m);

}  // namespace kctx::check
