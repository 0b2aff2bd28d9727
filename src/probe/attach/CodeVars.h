#pragma once
// What a probe on bytecode reads of the code it stopped in: a variable of the top frame,
// where the compiler put it (vm::VarInfo: a register of the frame's window or a slot of
// its stack memory), and a user program's stack as print_ubacktrace() prints it.

#include <optional>
#include <string>
#include <vector>

#include "kernel/core/Machine.h"
#include "probe/run/Context.h"
#include "probe/run/Resolve.h"
#include "probe/run/Value.h"
#include "vm/Interpreter.h"

namespace kctx::probe {

// Variable `name` of `thread`'s top frame (a function of `program`), visible at its pc
// (at the function's entry: its outermost block's), as the C type holds it: sign- or
// zero-extended from its size; an array or a struct as its address. `mem` is the memory
// its stack is in. Nullopt: no such variable there, or its slot cannot be read.
[[nodiscard]] std::optional<Value> read_frame_var(const vm::Thread& thread, const vm::Program& program,
						  const vm::Memory* mem, bool at_entry, const std::string& name);

// @var: module object `g` in the module's loaded image (its data segment in kernel
// memory), as read_frame_var() reads a variable; nullopt when no image of it is loaded.
[[nodiscard]] std::optional<Value> read_module_global(const kernel::Machine& m, const std::vector<vm::Image>& images,
						      const ModuleGlobalInfo& g);

// The path stap names a scenario program by (process("PATH"), the ubacktrace's module):
// the machine runs ./NAME from its root directory.
[[nodiscard]] std::string program_path(const std::string& name);

// Task t's user program stack, innermost first: the pc it is at, then each caller's
// return address, symbolized from the program's functions ("main+0x18/0x40
// [/cst_test]"). Empty for a task without a user program.
[[nodiscard]] std::vector<StackFrame> user_backtrace(const kernel::Machine& m, const std::vector<vm::Image>& images,
						     kernel::TaskId t);

}  // namespace kctx::probe
