// The superinstruction pass: rewrites runs of plain instructions that Opcodes.def has a
// KCTX_FUSED opcode for into that opcode, in place. Only the opcode byte of each run's
// first word changes; every other word, every pc and so every line table entry, jump
// offset and call-trace offset stay as they were, and so does simulated time (a fused
// instruction charges one instruction per part).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "vm/Program.h"

namespace kctx::vm {

// Fuses one function's code; returns how many superinstructions it wrote. Code that is
// already fused is left as it is.
uint32_t fuse(Function& f);
// Every function of the program.
uint32_t fuse(Program& p);

// A superinstruction whose later parts are not the words that follow it (hand-written
// bytecode: the interpreter trusts its code), as "pc N: ADDI_JLTS needs JLTS at pc N+1".
[[nodiscard]] std::optional<std::string> check_fused(const Function& f);

}  // namespace kctx::vm
