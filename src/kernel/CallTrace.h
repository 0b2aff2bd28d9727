// Building a call trace from a task's simulated stacks, and naming addresses.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "kernel/Machine.h"
#include "vm/Interpreter.h"

namespace kctx::kernel {

struct TraceLine {
	StackKind stack = StackKind::Task;
	std::string text;    // "schedule+0x5a/0xd0", or a register line
	bool regs = false;   // a register line ("RIP: 0033:…"), printed without the leading space
};

// The frames of task t from the innermost out: `top_frames` first (the functions the
// reporting code itself is in), then every kernel frame, then the user registers of a
// task that entered the kernel from user mode.
[[nodiscard]] std::vector<TraceLine> build_trace(const Machine& m, vm::ImageTable images, TaskId t,
						 std::span<const std::string> top_frames);
// The same for a task value (e.g. a copy cut down to an interrupted context).
[[nodiscard]] std::vector<TraceLine> build_trace(const Machine& m, vm::ImageTable images, const Task& task,
						 std::span<const std::string> top_frames);
// "cst_timer_handler+0x4c/0x9c [cst]" for module code, "schedule+0x5a/0xd0" for the
// kernel's own functions, "0x…" for anything else (%pS).
[[nodiscard]] std::string symbolize_address(const Machine& m, vm::ImageTable images, uint64_t address);
// A stable kernel-text address for one of the kernel's own "symbol+0xoff/0xsize" strings.
[[nodiscard]] uint64_t kernel_symbol_address(std::string_view symbol);
// The user-mode program counter kctx shows for a task in user mode (RIP: 0033:…).
[[nodiscard]] uint64_t user_pc(const Task& t, vm::ImageTable images);

}  // namespace kctx::kernel
