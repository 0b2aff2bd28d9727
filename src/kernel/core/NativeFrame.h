// A kernel function in progress on a task's kernel stack: a resume point and its locals,
// as plain data (ARCHITECTURE.md, "Blocking is data, not a C++ stack"; gVisor's task run
// states are the model). Each native of core/Natives.def has a run-state struct run::Name,
// defined by the subsystem that owns it; a frame holds exactly one of them, so the
// variant's index is the native.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <variant>

#include "kernel/core/RunStates.h"

namespace kctx::kernel {

enum class NativeFn : uint16_t {
#define KCTX_NATIVE(name, symbol, size, step, trace) name,
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
	Count
};

// Which stack a frame lives on, for the call trace's <IRQ>/<TASK> sections: a hardirq
// that interrupts kernel code switches to the per-CPU irq stack (arch/x86/include/asm/
// irq_stack.h call_on_irqstack_cond); one that interrupts user mode stays on the task's.
enum class StackKind : uint8_t { Task, Irq };

// One alternative per native, in Natives.def's order: run.index() is the NativeFn.
using NativeRun = std::variant<
#define KCTX_NATIVE(name, symbol, size, step, trace) run::name,
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
	run::End>;

struct NativeFrame {
	NativeRun run;
	StackKind stack = StackKind::Task;
	int64_t ret = 0;        // the value the frame above returned to this one

	NativeFrame() = default;
	template <typename Run>
		requires requires { NativeRun(std::declval<Run>()); }
	explicit NativeFrame(Run r, StackKind stack = StackKind::Task) : run(std::move(r)), stack(stack) {}

	[[nodiscard]] NativeFn fn() const { return static_cast<NativeFn>(run.index()); }
	template <typename Run> [[nodiscard]] Run& as() { return std::get<Run>(run); }
	template <typename Run> [[nodiscard]] const Run& as() const { return std::get<Run>(run); }

	bool operator==(const NativeFrame&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(run, stack, ret); }
};

}  // namespace kctx::kernel
