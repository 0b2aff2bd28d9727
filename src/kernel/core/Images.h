// The vm::Image table of a machine: its image slots (Machine::images) over the code they
// were loaded from. The kernel runs with it (Kernel::rebuild_images); every reader of a
// machine's addresses from outside (trace, crash, probe) rebuilds the same one, so an
// address resolves as the run saw it.
#pragma once

#include <vector>

#include "kernel/core/Machine.h"
#include "vm/Interpreter.h"

namespace kctx::kernel {

struct Code;

// The program a slot names, or null when its index is not in `code` (a corrupt dump).
[[nodiscard]] const vm::Program* slot_program(const ImageSlot& slot, const Code& code);
// One image per slot, in slot order; a slot slot_program() cannot resolve has a null program.
[[nodiscard]] std::vector<vm::Image> image_table(const Machine& m, const Code& code);

}  // namespace kctx::kernel
