#include "vm/Insn.h"

#include <array>

namespace kctx::vm {

namespace {
struct OpInfo {
	std::string_view name;
	Format format;
	std::string_view semantics;
	OpParts parts;
};

// KCTX_FUSED's parts are bare opcode names.
namespace opnames {
using enum Op;
constexpr OpParts parts(Op self) { return OpParts{1, {self}}; }
constexpr OpParts parts(Op a, Op b) { return OpParts{2, {a, b}}; }
constexpr OpParts parts(Op a, Op b, Op c) { return OpParts{3, {a, b, c}}; }
constexpr OpParts parts(Op a, Op b, Op c, Op d, Op e, Op f) { return OpParts{6, {a, b, c, d, e, f}}; }

constexpr std::array<OpInfo, static_cast<size_t>(Op::Count)> kOps = {{
#define KCTX_OP(name, format, semantics) {#name, Format::format, semantics, parts(Op::name)},
#define KCTX_FUSED(name, format, semantics, ...) {#name, Format::format, semantics, parts(__VA_ARGS__)},
#include "vm/Opcodes.def"
#undef KCTX_FUSED
#undef KCTX_OP
}};
}  // namespace opnames
using opnames::kOps;

// A superinstruction starts with its first part's operands, so it has that part's format;
// no part is itself fused, and only the last may transfer control (the parts after a
// taken jump must not run).
constexpr bool parts_are_consistent()
{
	for (const OpInfo& info : kOps) {
		if (info.parts.count == 1)
			continue;
		if (info.format != kOps[static_cast<size_t>(info.parts.ops[0])].format)
			return false;
		for (uint8_t i = 0; i < info.parts.count; i++) {
			Op op = info.parts.ops[i];
			const OpInfo& part = kOps[static_cast<size_t>(op)];
			bool last = i + 1 == info.parts.count;
			bool transfers = part.format == Format::Call || op == Op::RET || op == Op::RETV || op == Op::JMP ||
					 op == Op::JZ || op == Op::JNZ || op == Op::JEQ || op == Op::JNE ||
					 op == Op::JLTS || op == Op::JLES || op == Op::JLTU || op == Op::JLEU;
			if (part.parts.count != 1 || (transfers && !last))
				return false;
		}
	}
	return true;
}
static_assert(parts_are_consistent());
}  // namespace

std::string_view op_name(Op op) { return kOps[static_cast<size_t>(op)].name; }
Format op_format(Op op) { return kOps[static_cast<size_t>(op)].format; }
std::string_view op_semantics(Op op) { return kOps[static_cast<size_t>(op)].semantics; }
const OpParts& op_parts(Op op) { return kOps[static_cast<size_t>(op)].parts; }

}  // namespace kctx::vm
