// A compiled unit: one module (NAME.ko) or one user program. Immutable once built and
// shared by every machine state that runs it; the state refers to it by image index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abi/Builtins.h"
#include "vm/Insn.h"

namespace kctx::vm {

// pc -> source line: entry i covers pcs [pc_i, pc_{i+1}).
struct LineEntry {
	uint32_t pc = 0;
	uint32_t line = 0;
};

// 128 bytes: a call finds its callee in the image's array by a shift.
struct alignas(64) Function {
	std::string name;
	uint32_t file = 0;          // index into Program::files
	uint32_t line = 0;          // line of the definition
	uint16_t nparams = 0;
	uint16_t nregs = 0;         // registers the frame needs (parameters first)
	uint32_t frame_size = 0;    // bytes of stack memory for address-taken locals (16-aligned)
	bool is_static = false;
	bool returns_value = false;
	bool variadic = false;      // its "..." arrives in the registers after the parameters
	// How many of the first four registers a call fills from its arguments (the rest it
	// zeroes): its parameters', or all four for a variadic function. Set by layout.
	uint8_t window_args = 0;
	std::vector<Insn> code;
	std::vector<LineEntry> lines;
	uint32_t text_offset = 0;   // byte offset in the image's text (set by Program::layout)

	[[nodiscard]] uint32_t text_size() const { return static_cast<uint32_t>(code.size()) * kInsnBytes; }
	[[nodiscard]] uint32_t line_at(uint32_t pc) const;
};

// A function's named automatic variable and where it lives, for debuggers (what DWARF's
// DW_TAG_formal_parameter / DW_TAG_variable give stap: a name, a type, a location, the
// lexical block's pc range). Not read by the interpreter.
struct VarInfo {
	enum class Where : uint8_t {
		Reg,     // in register `at` of the frame's window
		Frame,   // in the frame's stack memory at fp + `at` (its address was taken, or an aggregate)
	};
	std::string name;
	std::string type;          // its C type, as `stap -L` prints it ("int", "struct timer_list*")
	uint32_t lo = 0, hi = 0;   // the pcs of the block it is visible in: [lo, hi)
	Where where = Where::Reg;
	uint32_t at = 0;
	uint8_t size = 8;          // bytes of its value (scalars)
	bool is_signed = false;
	bool scalar = true;        // false: an array or a struct, read as its address
	bool param = false;
	uint16_t depth = 0;        // blocks around it: 0 a parameter, 1 the body's own block
};

// A data word that holds an address, patched when the image is loaded.
struct Relocation {
	enum class Kind : uint8_t { Data, Function, Builtin };
	uint32_t offset = 0;    // where, in Program::data (8 bytes, little-endian)
	Kind kind = Kind::Data;
	uint32_t target = 0;    // data offset, function index, or BuiltinId
	int64_t addend = 0;     // added to the target address (Data only)
};

// A named object in the data segment: globals, statics (named "fn.var" for function
// statics), and the module metadata the prelude macros define (__kctx_module_init …).
struct Global {
	std::string name;
	uint32_t offset = 0;
	uint32_t size = 0;
	bool is_static = false;
};

// A symbol a module uses and another module exports: the loader writes its address into
// the data word at `offset` (kernel/module/main.c simplify_symbols()).
struct Import {
	std::string name;
	uint32_t offset = 0;
	bool function = false;
};

struct Program {
	std::string name;                  // "cst" for cst.ko, "cst_test" for ./cst_test
	abi::World world = abi::World::User;
	std::vector<std::string> files;    // source names for the line tables
	std::vector<Function> functions;
	// Each function's variables (by function index; empty when the compiler recorded
	// none): a debugger's view, kept beside the functions so that Function stays small.
	std::vector<std::vector<VarInfo>> function_vars;
	std::vector<uint64_t> constants;   // LOADK pool
	std::vector<uint8_t> data;         // initialized data and string literals (.data)
	// Zero bytes that follow `data` (.bss: objects without an initializer). Never stored:
	// a loader maps them and lets each page zero-fill when first touched.
	uint64_t bss_size = 0;
	std::vector<Relocation> relocations;
	std::vector<Global> globals;
	std::vector<Import> imports;
	// The kernel's own objects its code reads at their fixed addresses (abi/KernelData.h):
	// the loader keeps them current while the module is loaded.
	std::vector<std::string> kernel_data;

	// Assigns each function its text offset (functions laid out in order, 16-aligned)
	// and checks its calls' operands, which the interpreter trusts.
	void layout();
	[[nodiscard]] uint32_t text_size() const;
	// The data segment's size in memory: .data, then .bss.
	[[nodiscard]] uint64_t data_size() const { return data.size() + bss_size; }
	[[nodiscard]] std::optional<uint32_t> find_function(std::string_view name) const;
	[[nodiscard]] const Global* find_global(std::string_view name) const;
	// The initialized part of the data segment (.data, without .bss) as loaded at
	// (text_base, data_base): every relocation patched in.
	[[nodiscard]] std::vector<uint8_t> linked_data(uint64_t text_base, uint64_t data_base) const;
	// The function containing text offset `off`, if any.
	[[nodiscard]] std::optional<uint32_t> function_at(uint32_t off) const;

private:
	void check_calls(const Function& f) const;
};

static_assert(sizeof(Function) == 128);

using ProgramRef = std::shared_ptr<const Program>;

// Where the builtins live in the simulated kernel text, so that a builtin's address can
// be stored in a function pointer and called through CALLI.
inline constexpr uint64_t kBuiltinTextBase = 0xffffffff81000000ull;
inline constexpr uint64_t kBuiltinTextStride = 0x40;
[[nodiscard]] constexpr uint64_t builtin_address(abi::BuiltinId id)
{
	return kBuiltinTextBase + static_cast<uint64_t>(id) * kBuiltinTextStride;
}

}  // namespace kctx::vm
