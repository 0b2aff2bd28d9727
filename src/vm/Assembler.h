// A small text assembler, so vm tests can write bytecode without the C front end. It reads
// the disassembler's instruction syntax:
//
//   ; comments run from ';' to the end of the line
//   program demo                ; optional: Program::name (default "asm")
//   world kernel                ; optional: kernel | user | both (default user)
//   global counter 8            ; a zeroed data object, 8-aligned, named for GADDR
//   const 12345                 ; appends to the K[] pool (LOADK r0, K[0])
//   func add nparams=2 nregs=3 frame=16
//     line 4                    ; the source line of the instructions that follow
//     ADD     r2, r0, r1
//   loop:                       ; a label; jumps name labels
//     JLTS    r0, r1, loop
//     LOADK   r0, 42            ; a literal (integer or double) is interned in K[]
//     GADDR   r0, counter       ; or a data offset
//     FADDR   r0, @add
//     CALL    r2, r0, 2, @add   ; dest, first argument, count, target
//     CALLB   r0, r1, 1, $strlen
//     CALLI   r0, r1, 1, r5     ; the target address is in r5
//     RET     r2
//
// nregs defaults to one more than the highest register the function names. A listing line's
// leading "<word> +0x<offset>" columns are skipped, so disassembler output reads back.
#pragma once

#include <string_view>

#include "base/Result.h"
#include "vm/Program.h"

namespace kctx::vm {

// Errors read "asm:LINE: message". The program comes back laid out (Program::layout).
[[nodiscard]] Result<Program> assemble(std::string_view text);

}  // namespace kctx::vm
