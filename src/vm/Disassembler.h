// A readable listing of compiled bytecode (`kctx disasm FILE.c`). The instruction syntax
// is the one the test assembler (vm/Assembler.h) reads back: the columns in front of an
// instruction and everything after a ';' are for people.
#pragma once

#include <cstdint>
#include <string>

#include "vm/Program.h"

namespace kctx::vm {

// The whole program: a header, the constant pool and globals, then every function.
[[nodiscard]] std::string disassemble(const Program& program);
// One function: its header line, then one line per instruction, with a label line before
// every jump target and a comment line wherever the source line changes.
[[nodiscard]] std::string disassemble_function(const Program& program, uint32_t func);
// The instruction at word `pc` of `func`, in assembler syntax ("ADD r2, r0, r1"), with
// jump targets written as labels "L<word index>".
[[nodiscard]] std::string format_insn(const Program& program, uint32_t func, uint32_t pc);

}  // namespace kctx::vm
