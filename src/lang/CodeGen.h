// Code generation: the typed AST of a unit to a vm::Program (bytecode functions, the
// data image with its relocations, the globals table). Register conventions the kernel
// relies on (Opcodes.def): every integer register holds its value extended to 64 bits
// per its C type, pointers are addresses, floating values are the bits of a double.
//
// Calling convention between bytecode functions: arguments in r0..rN-1 of the callee;
// a struct argument is passed as the address of the caller's object and copied by the
// callee; a function returning a struct takes the address of the result object as a
// hidden first argument and returns it. A variadic function receives its variadic
// arguments in the kVarargRegs registers after its named ones and, if it calls
// va_start, stores them to a save area in its frame where its va_lists point (README.md).
#pragma once

#include <memory>
#include <string>

#include "base/Diagnostic.h"
#include "lang/Ast.h"
#include "vm/Program.h"

namespace kctx::lang {

// Fills `program` (name and world already set) from `unit`. Errors (an initializer that
// is not constant, …) go to `diags`; returns false if there were any.
[[nodiscard]] bool generate(const Unit& unit, const SourceSet& sources, vm::Program& program, DiagnosticSink& diags);

// A TRAP's kind (the a operand) when control falls off the end of a non-void function.
inline constexpr uint16_t kTrapNoReturn = 1;
// ... when a va_arg reads a type that the default promotions change (gcc traps there).
inline constexpr uint16_t kTrapVaArgPromoted = 2;

// Registers (and 8-byte save-area slots) a variadic function defined in kernel C has for
// the arguments passed through its "...": a call may pass at most this many.
inline constexpr uint32_t kVarargRegs = 32;

}  // namespace kctx::lang
