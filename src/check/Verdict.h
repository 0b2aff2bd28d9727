// The properties a state can break beyond the kernel's own reports: CPUs that spin
// forever (deadlock in a cycle of spinlocks, or livelock on a lock whose holder cannot
// run), and a machine where every task is blocked for good.
#pragma once

#include <optional>
#include <string>

#include "check/Explorer.h"
#include "kernel/core/Kernel.h"

namespace kctx::check {

struct Verdict {
	ViolationKind kind = ViolationKind::Deadlock;
	std::string message;
};

// Every CPU spins on a contended spinlock. A spinning CPU has preemption disabled
// (spin_lock's preempt_disable(), or interrupt context), so none of them will ever switch
// to another task: the state lasts for good. Interrupts still come, but a handler cannot
// release a lock the task it interrupted holds. Names each lock and its holder.
[[nodiscard]] std::optional<Verdict> spinning_forever(const kernel::Kernel& k);

// No CPU has anything to run, no interrupt is pending and no timer is armed (the lockup
// detectors' own aside), yet the machine has not finished: every task waits for an event
// nothing can cause.
[[nodiscard]] std::optional<Verdict> blocked_forever(const kernel::Kernel& k, std::span<const kernel::Choice> enabled);

// The kernel's report as one line: the first BUG/WARNING/lockdep line the step printed.
[[nodiscard]] std::string report_headline(std::string_view console);

}  // namespace kctx::check
