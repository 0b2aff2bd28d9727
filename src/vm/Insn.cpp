#include "vm/Insn.h"

#include <array>

namespace kctx::vm {

namespace {
struct OpInfo {
	std::string_view name;
	Format format;
	std::string_view semantics;
};
constexpr std::array<OpInfo, static_cast<size_t>(Op::Count)> kOps = {{
#define KCTX_OP(name, format, semantics) {#name, Format::format, semantics},
#include "vm/Opcodes.def"
#undef KCTX_OP
}};
}  // namespace

std::string_view op_name(Op op) { return kOps[static_cast<size_t>(op)].name; }
Format op_format(Op op) { return kOps[static_cast<size_t>(op)].format; }
std::string_view op_semantics(Op op) { return kOps[static_cast<size_t>(op)].semantics; }

}  // namespace kctx::vm
