// Building a call trace from a task's simulated stacks, and naming addresses.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "kernel/core/Machine.h"
#include "kernel/release/Release.h"
#include "vm/Interpreter.h"

namespace kctx::kernel {

struct TraceLine {
	StackKind stack = StackKind::Task;
	std::string text;    // "schedule+0x5a/0xd0", or a register line
	bool regs = false;   // a register line ("RIP: 0033:…"), printed without the leading space
	uint64_t address = 0;   // module code's return address; 0: a kernel symbol's (kernel_symbol_address)
};

// Adds a native frame's lines, on its own stack unless told otherwise.
struct TraceAdder {
	std::vector<TraceLine>& out;
	StackKind stack;
	void operator()(std::string text) { out.push_back({stack, std::move(text), false}); }
	void operator()(std::string text, StackKind kind) { out.push_back({kind, std::move(text), false}); }
};

// The lines each native frame contributes, innermost first (Natives.def's `trace`
// column); each is defined beside the native's step function. Offsets are return
// addresses inside each function, sized as in Debian's 6.1.0-56-amd64.
#define KCTX_NATIVE(name, symbol, size, step, trace) \
	void trace(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out);
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE

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
// The address of a code site as symbolize_address() names it: module code
// ("fn+0x1c/0x40 [mod]") at its place in the module's image, the kernel's own functions
// by kernel_symbol_address().
[[nodiscard]] uint64_t site_address(const Machine& m, vm::ImageTable images, std::string_view site);
// A stable kernel-text address for one of the kernel's own "symbol+0xoff/0xsize" strings.
[[nodiscard]] uint64_t kernel_symbol_address(std::string_view symbol);
// The trace as the release prints it: each kernel frame through the release's FrameName
// table (release/Release.h), so a 4.4 trace names 4.4's functions.
[[nodiscard]] std::vector<TraceLine> release_trace(const ReleaseSpec& spec, const std::vector<TraceLine>& lines);
// A frame's address for a " [<address>]" column (TraceStyle::StackWords).
[[nodiscard]] uint64_t trace_line_address(const TraceLine& l);
// The user-mode program counter kctx shows for a task in user mode (RIP: 0033:…).
[[nodiscard]] uint64_t user_pc(const Task& t, vm::ImageTable images);

}  // namespace kctx::kernel
