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
// Whether the step `cpu` just took ended in a plain spinlock release (spin_unlock,
// read_unlock, write_unlock) and left the CPU in the same module code, right after the
// call: a left mover (Lipton: no other CPU's step just before it can be an acquisition
// of the lock it releases, which is held), so the transition may take it and go on with
// further left movers and task-local steps (docs/check.md). The _irq, _irqrestore and
// _bh variants are not: they let interrupts or softirqs in.
[[nodiscard]] bool released_lock(const kernel::Machine& m, const kernel::Code& code, uint32_t cpu);

[[nodiscard]] bool may_continue(uint32_t cpu, std::span<const kernel::Choice> enabled, std::span<const uint8_t> irqs,
				uint32_t max_irqs);

}  // namespace kctx::check
