// One bytecode word and the opcode enumeration (Opcodes.def).
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::vm {

enum class Op : uint8_t {
#define KCTX_OP(name, format, semantics) name,
#include "vm/Opcodes.def"
#undef KCTX_OP
	Count
};

enum class Format : uint8_t { N, A, AB, ABC, ABsC, ABx, AsBx, sBx, Call };

[[nodiscard]] std::string_view op_name(Op op);
[[nodiscard]] Format op_format(Op op);
[[nodiscard]] std::string_view op_semantics(Op op);
// A superinstruction's plain parts, first to last (Opcodes.def KCTX_FUSED); a plain
// opcode is its own single part.
struct OpParts {
	uint8_t count = 1;
	Op ops[6] = {};   // a whole loop body at most (Opcodes.def's longest fusion)
};
[[nodiscard]] const OpParts& op_parts(Op op);
[[nodiscard]] inline bool op_is_fused(Op op) { return op_parts(op).count > 1; }
// Words the instruction occupies: 2 for calls, else 1.
[[nodiscard]] constexpr uint32_t op_words(Op op) { return op == Op::CALL || op == Op::CALLI || op == Op::CALLB ? 2 : 1; }

// 8 bytes: op, a (16 bits), then either b and c (16 bits each) or one 32-bit operand.
struct Insn {
	Op op = Op::NOP;
	uint8_t reserved = 0;
	uint16_t a = 0;
	uint32_t x = 0;

	[[nodiscard]] uint16_t b() const { return static_cast<uint16_t>(x); }
	[[nodiscard]] uint16_t c() const { return static_cast<uint16_t>(x >> 16); }
	[[nodiscard]] int16_t sc() const { return static_cast<int16_t>(x >> 16); }
	[[nodiscard]] uint32_t bx() const { return x; }
	[[nodiscard]] int32_t sbx() const { return static_cast<int32_t>(x); }

	static Insn make(Op op, uint16_t a = 0, uint16_t b = 0, uint16_t c = 0)
	{
		return Insn{op, 0, a, static_cast<uint32_t>(b) | static_cast<uint32_t>(c) << 16};
	}
	static Insn make_sc(Op op, uint16_t a, uint16_t b, int16_t sc) { return make(op, a, b, static_cast<uint16_t>(sc)); }
	static Insn make_bx(Op op, uint16_t a, uint32_t bx) { return Insn{op, 0, a, bx}; }
	static Insn make_sbx(Op op, uint16_t a, int32_t sbx) { return Insn{op, 0, a, static_cast<uint32_t>(sbx)}; }
	bool operator==(const Insn&) const = default;
};
static_assert(sizeof(Insn) == 8);

// Bytes one word occupies in the simulated text segment: a function's symbol size and a
// call trace's "+0xOFF" are counted in these.
inline constexpr uint32_t kInsnBytes = 4;

}  // namespace kctx::vm
