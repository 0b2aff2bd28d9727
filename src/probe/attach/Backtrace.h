#pragma once
// Kernel stacks and symbols for the tapset's stack functions: the same frames and
// symbols as the console's Call Trace (kernel/debug/CallTrace), as StackFrames.

#include <optional>
#include <vector>

#include "kernel/core/Kernel.h"
#include "probe/run/Context.h"

namespace kctx::probe {

// Task t's kernel stack, innermost first: `top` (the probed function at +0x0), then
// the Call Trace's frames, leaving out the top frame of the stack when `drop_top` (a
// native being entered: `top` stands for it). No images (no code): only `top`.
// `images` is the kernel's own table (Kernel::images()), never a copy.
using ImageTable = std::vector<vm::Image>;
[[nodiscard]] std::vector<StackFrame> kernel_backtrace(const kernel::Machine& m, const ImageTable* images,
						       kernel::TaskId t, const std::optional<StackFrame>& top,
						       bool drop_top);
// A "symbol+0xoff/0xsize [module]" line of a call trace as a frame at `address`.
[[nodiscard]] StackFrame parse_trace_symbol(uint64_t address, const std::string& text);
[[nodiscard]] StackFrame kernel_symbol_at(const kernel::Machine& m, const ImageTable* images, uint64_t address);

}  // namespace kctx::probe
