// The interpreter: runs a Thread for at most `budget` instructions, stopping early at a
// builtin the host must handle, when the thread's outermost frame returns, or at a fault.
// It never blocks and never calls back into the kernel except through the NativeTable,
// so a run can stop at any instruction boundary and the state can be copied there.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "abi/Builtins.h"
#include "vm/Memory.h"
#include "vm/Program.h"
#include "vm/Thread.h"

namespace kctx::vm {

// A program loaded at fixed addresses. The ImageTable is indexed by Frame::image.
struct Image {
	const Program* program = nullptr;
	uint64_t text_base = 0;
	uint64_t data_base = 0;
	// An unloaded module's image: frames already in it still run, but no address
	// resolves to it (locate()), since its range may belong to another module now.
	bool unloaded = false;
};
using ImageTable = std::span<const Image>;

// A host's check of accesses to one window of memory: the kernel's KASAN shadow for its
// slab pages. Before a load, store, MEMCPY or MEMSET touches [lo, lo+len), the
// interpreter asks `fn`; a false answer stops the run with FaultKind::Checked (pc left on
// the access, so the host reports it and the access runs again when it resumes). Not
// state: the host rebuilds it for every run.
struct AccessCheck {
	uint64_t lo = 0;
	uint64_t len = 0;   // 0: no window
	bool (*fn)(void* host, uint64_t addr, uint64_t size, bool write) = nullptr;
	void* host = nullptr;
	// Accesses are checked by where they start (the window is whole pages).
	[[nodiscard]] bool covers(uint64_t addr) const { return addr - lo < len; }
};

// What loads and stores see: the current process's memory below kKernelSpaceStart and the
// kernel's above. `user` may be null (a kernel thread has no user address space).
struct AddressSpace {
	Memory* user = nullptr;
	Memory* kernel = nullptr;
	AccessCheck check;
	[[nodiscard]] Memory* for_address(uint64_t addr) const { return addr >= kKernelSpaceStart ? kernel : user; }
};

enum class Exit : uint8_t {
	Budget,     // ran `budget` instructions
	Builtin,    // a CALLB (or CALLI to a builtin) the natives did not handle: see RunResult::call
	Return,     // the outermost frame returned: see RunResult::value
	Fault,      // see RunResult::fault; pc is left at the faulting instruction
};

enum class FaultKind : uint8_t {
	Read,            // load from an unmapped address
	Write,           // store to an unmapped or read-only address
	BadCall,         // CALLI to an address that is no function
	DivideByZero,
	StackOverflow,   // a frame's stack memory would cross Thread::stack_limit
	Trap,            // TRAP instruction
	Checked,         // the AccessCheck refused: see fault_size and fault_write
};

struct BuiltinCall {
	abi::BuiltinId id{};
	uint16_t dest = 0;      // result register (also stored in Thread::pending_dest)
	uint16_t argbase = 0;   // first argument register of the top frame
	uint16_t nargs = 0;
};

struct RunResult {
	Exit exit = Exit::Budget;
	uint64_t executed = 0;  // instructions executed (calls count 1)
	BuiltinCall call;       // Exit::Builtin
	uint64_t value = 0;     // Exit::Return
	FaultKind fault = FaultKind::Read;   // Exit::Fault
	uint64_t fault_address = 0;
	uint64_t fault_size = 0;     // FaultKind::Checked: the access's size
	bool fault_write = false;    // FaultKind::Checked: a store
};

// Builtins the host implements without leaving the interpreter (pure functions, libc
// helpers). A native returns true when it handled the call and wrote *result; false
// sends the call to the host as Exit::Builtin. `extra_cost` lets a native charge more
// than one instruction of simulated time.
struct NativeContext {
	void* host = nullptr;
	AddressSpace mem;
	uint64_t extra_cost = 0;
	// A native that declines because memory an argument names cannot be touched records
	// the first such address here, so the host can take the page fault the program's
	// own instructions would have taken there (then run the call again, or signal).
	enum class Fault : uint8_t { None, Load, Store };
	Fault fault = Fault::None;
	uint64_t fault_address = 0;
};
using NativeFn = bool (*)(NativeContext& cx, const uint64_t* args, uint32_t nargs, uint64_t* result);
struct NativeTable {
	std::array<NativeFn, static_cast<size_t>(abi::BuiltinId::Count)> fns{};
};

// Pushes a call of images[image].functions[func] with `args` as the outermost (or next)
// frame. Returns false (and pushes nothing) on stack overflow.
[[nodiscard]] bool push_call(Thread& t, ImageTable images, uint32_t image, uint32_t func,
			     std::span<const uint64_t> args, uint16_t ret_reg = 0);

// Runs until an exit. Simulated time is the caller's business: it charges
// `executed` (plus NativeContext::extra_cost) instructions.
[[nodiscard]] RunResult run(Thread& t, ImageTable images, NativeContext& cx, const NativeTable& natives,
			    uint64_t budget);

// After Exit::Builtin: writes the builtin's result to the pending register. The thread
// then continues after the call.
void complete_builtin(Thread& t, uint64_t value);
// After Exit::Builtin: moves pc back onto the call so the next run() calls it again
// (syscall restart).
void rewind_builtin(Thread& t);
// The arguments of the pending builtin call (valid until the thread runs again).
[[nodiscard]] std::span<const uint64_t> builtin_args(const Thread& t, const BuiltinCall& call);

// Resolves a text address to (image, function) for CALLI and for symbolizing traces.
struct CodeLocation {
	uint32_t image = 0;
	uint32_t func = 0;
	uint32_t offset = 0;   // bytes from the function's start
};
[[nodiscard]] std::optional<CodeLocation> locate(ImageTable images, uint64_t address);
// The text address of a frame's current pc (the return address for a caller frame).
[[nodiscard]] uint64_t frame_address(ImageTable images, const Frame& f);

}  // namespace kctx::vm
