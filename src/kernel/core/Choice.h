// Choice points: every nondeterministic decision of the machine, as a value.
//
// A real SMP machine decides, at each moment, which CPU's next operation lands first and
// whether an interrupt arrives before it. kctx names those decisions here, once, so two
// drivers share the rest of the kernel:
//
//   - the timeline (Kernel::run_until, `kctx run`): the CPU whose clock is furthest
//     behind moves next and an interrupt arrives when its clock reaches the event — the
//     seeded, timed run every golden records;
//   - the explorer (src/check, `kctx check`): it lists the choices enabled in a state
//     (Kernel::choices) and takes each in turn (Kernel::take), branching the Machine.
//
// In explore mode time is abstracted (docs/check.md): interrupts arrive only as choices,
// so a CPU's code between two visible operations runs as one step, and an armed timer
// may expire at any such point.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace kctx::kernel {

// One table of the kinds of choice; each says what happens when it is taken.
#define KCTX_CHOICE_KINDS(X)                                                                       \
	X(Run, "run")        /* the CPU runs up to and through its next visible operation */        \
	X(Ipi, "ipi")        /* the reschedule IPI sent to the CPU arrives (a wake-up's, not budgeted) */ \
	X(Tick, "tick")      /* the CPU's next local timer tick arrives now */                      \
	X(Timer, "timer")    /* the CPU's earliest armed timer or hrtimer expires now */

enum class ChoiceKind : uint8_t {
#define KCTX_X(name, text) name,
	KCTX_CHOICE_KINDS(KCTX_X)
#undef KCTX_X
};

[[nodiscard]] std::string_view choice_kind_name(ChoiceKind k);
// The kind named `text` ("run", "tick" …), or false.
[[nodiscard]] bool parse_choice_kind(std::string_view text, ChoiceKind& out);

struct Choice {
	ChoiceKind kind = ChoiceKind::Run;
	uint32_t cpu = 0;
	// A Run step that ends in prandom_u32_max(n) (include/linux/prandom.h): the value the
	// call returns in explore mode, 0 ≤ value < n. A random number is any number, so the
	// explorer takes the step once per value (Kernel::random_range says n after a step).
	uint32_t value = 0;
	auto operator<=>(const Choice&) const = default;
	// The same decision as `o` but for the value (the choice a state enables).
	[[nodiscard]] bool same_step(const Choice& o) const { return kind == o.kind && cpu == o.cpu; }
	// Tick and Timer are interrupts: they use the per-CPU interrupt budget.
	[[nodiscard]] bool is_interrupt() const { return kind == ChoiceKind::Tick || kind == ChoiceKind::Timer; }
};

// What taking a choice did, in kernel vocabulary, for the counterexample's schedule.
struct StepNote {
	std::string who;        // "holder/104" (comm/pid of the task whose context ran)
	std::string context;    // "task", "softirq", "hardirq", "idle"
	uint32_t preempt_count = 0;   // after the step
	std::string what;       // "spin_lock(&lock)", "timer irq", "spins on &lock (held by CPU0)"
	bool progressed = true; // false: the step changed nothing but clocks (a spin retry, an idle CPU)
	bool acquired = false;  // the step ended by taking a spinlock (a right mover: docs/check.md)
	// The step ended in a call that reads and writes only its own task's state (no other
	// CPU or context can observe it: prandom_u32_max, a WARN_ON that does not fire), so it
	// commutes with every step of another CPU (a both-mover: docs/check.md).
	bool local = false;
	// The step finished a native frame before its module code ran (the way back from a
	// mutex_lock, a wake-up, a sleep): what that did may be visible to other CPUs, so the
	// step is no mover and the next step may not join its transition.
	bool after_native = false;
};

}  // namespace kctx::kernel
