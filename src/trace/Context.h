// What a CPU is executing, as nested contexts: the task's own mode at the bottom (user
// code, a kernel thread, the idle loop), then the kernel entered from it (a system call,
// a page fault), interrupts and softirqs above that, and a spin on a lock at the top.
// Derived from the machine (the current task's stack of frames), for the HTML timeline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>


namespace kctx::kernel {
struct Machine;
}

namespace kctx::trace {

// One table of the contexts a band can show; the page colours them in this order.
#define KCTX_EXEC_KINDS(X)                                                                        \
	X(Idle, "idle")           /* the idle task's loop (do_idle): nothing to run */          \
	X(User, "user")           /* a process's own code, in user mode */                      \
	X(Kernel, "kernel")       /* process context in the kernel: a syscall, a kthread */     \
	X(Softirq, "softirq")     /* serving softirqs (handle_softirqs), on irq exit or not */  \
	X(Hardirq, "hardirq")     /* an interrupt handler, irqs off */                          \
	X(Spinning, "spinning")   /* spinning on a taken lock (queued_spin_lock_slowpath) */

enum class ExecKind : uint8_t {
#define KCTX_EXEC_KIND(name, text) name,
	KCTX_EXEC_KINDS(KCTX_EXEC_KIND)
#undef KCTX_EXEC_KIND
};

[[nodiscard]] std::string_view exec_kind_name(ExecKind k);
[[nodiscard]] std::vector<std::string_view> exec_kind_names();

// One band: what runs and a label ("cst_test/116", "syscall write", "softirq TIMER").
struct ContextLevel {
	ExecKind kind = ExecKind::Idle;
	std::string label;
	bool operator==(const ContextLevel&) const = default;
};

// What runs on `cpu` now, bottom first. Never empty.
[[nodiscard]] std::vector<ContextLevel> context_stack(const kernel::Machine& m, uint32_t cpu);

}  // namespace kctx::trace
