// What an oops shows of the faulting context, whichever release prints it: the register
// file (module code's VM registers stand in for x86's general registers) and the bytes
// of text around the faulting instruction for the Code: line.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/core/Machine.h"
#include "vm/Interpreter.h"

namespace kctx::kernel {

struct FaultRegs {
	// RAX, RBX, RCX, RDX, RSI, RDI, R08..R15: the frame's registers r0.. in that order.
	std::array<uint64_t, 14> gpr{};
	uint64_t sp = 0;   // the VM stack pointer (RSP)
	uint64_t bp = 0;   // the frame's stack memory (RBP)
	// The faulting instruction's address when `rip` is the task's module code; absent for
	// the kernel's own text (a BUG_ON in the slab allocator) or a call to a wild address.
	std::optional<uint64_t> ip;
	// The RIP is no symbol's ("0x…": a call through a wild or NULL pointer), so there are
	// no code bytes to read.
	bool wild = false;
};

// The registers of task `t` faulting at `rip` (its symbolized name). `default_sp` is the
// stack pointer shown when the task runs no module code.
[[nodiscard]] FaultRegs fault_regs(const Machine& m, vm::ImageTable images, TaskId t, std::string_view rip,
				   uint64_t default_sp);

// The machine registers beside the general ones, which differ by release only in their
// values: the direct map (GS base), the page tables (CR3), the CPU features (CR4).
struct ControlRegs {
	uint64_t fs = 0, gs = 0, cr2 = 0, cr3 = 0, cr4 = 0;
};

// process_64.c __show_regs()'s lines from RAX to CR4, the same on 4.4 and 6.1: the general
// registers (RBP is `bp`), then FS/GS, the segment selectors with CR0, CR2/CR3/CR4.
[[nodiscard]] std::vector<std::string> register_lines(const FaultRegs& regs, uint64_t bp, const ControlRegs& c);

// A byte of kernel text: module code is kctx bytecode, shown as its encoded words;
// between and outside functions gcc pads with int3 (0xcc).
[[nodiscard]] uint8_t text_byte(vm::ImageTable images, uint64_t addr);

}  // namespace kctx::kernel
