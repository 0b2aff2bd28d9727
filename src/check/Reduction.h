// The partial-order reduction of `kctx check` (docs/check.md, "Partial-order reduction"):
// Lipton's reduction with spinlock acquisition as a right mover. After a step that took a
// spinlock, the same CPU's next step is taken at once, in the same transition: no other
// CPU's step between the two can be observed by either, because no other CPU can take
// or release the lock just taken, and spinning on it changes nothing. The states in the
// middle of such a transition are not stored.
#pragma once

#include <span>
#include <string>

#include "kernel/core/Choice.h"
#include "kernel/core/Kernel.h"

namespace kctx::check {

// Why the reduction may not be used on this code ("" if it may): a call that can observe
// a spinlock's word without waiting for it (spin_trylock) makes an acquisition visible to
// other CPUs before its holder moves on, so it is not a right mover there.
[[nodiscard]] std::string reduction_blocker(const kernel::Code& code);

// Whether `cpu`'s next step may be fused to the step that just took a spinlock on it:
// its Run is enabled and nothing of its own can come between (no interrupt within the
// budget, no IPI: those are choices of the same CPU that the lock's holder can observe).
[[nodiscard]] bool may_continue(uint32_t cpu, std::span<const kernel::Choice> enabled, std::span<const uint8_t> irqs,
				uint32_t max_irqs);

}  // namespace kctx::check
