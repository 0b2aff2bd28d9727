// A bytecode execution stack: the frames and registers of one run of bytecode. A user
// process has one for its program; a task's kernel stack holds one per entry into module
// code (a syscall into a driver's read(), a timer callback, a kthread function). Plain
// data: copying it copies the execution.
#pragma once

#include <cstdint>
#include <vector>

namespace kctx::vm {

// Frame::ret_reg of a frame whose result nobody wants: a signal handler pushed on top of
// interrupted code, which must not clobber any of its registers when it returns.
inline constexpr uint16_t kDiscardResult = 0xffff;

struct Frame {
	uint32_t image = 0;     // index into the ImageTable the thread runs against
	uint32_t func = 0;      // function index in that image's program
	uint32_t pc = 0;        // next instruction
	uint32_t base = 0;      // first register of this frame in Thread::regs
	uint64_t fp = 0;        // this frame's stack memory (address-taken locals)
	uint16_t ret_reg = 0;   // caller's register that receives the result
	bool operator==(const Frame&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(image, func, pc, base, fp, ret_reg); }
};

struct Thread {
	std::vector<Frame> frames;
	std::vector<uint64_t> regs;
	uint64_t sp = 0;            // stack pointer in simulated memory; frames grow down
	uint64_t stack_limit = 0;   // lowest usable address: below it is a stack overflow
	// After Exit::Builtin: the register of the top frame that receives the result.
	uint16_t pending_dest = 0;

	[[nodiscard]] bool finished() const { return frames.empty(); }
	bool operator==(const Thread&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(frames, regs, sp, stack_limit, pending_dest); }
};

}  // namespace kctx::vm
