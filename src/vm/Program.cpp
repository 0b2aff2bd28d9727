#include "vm/Program.h"

#include <algorithm>
#include <cstring>

#include "base/Check.h"

namespace kctx::vm {

uint32_t Function::line_at(uint32_t pc) const
{
	auto it = std::upper_bound(lines.begin(), lines.end(), pc,
				   [](uint32_t p, const LineEntry& e) { return p < e.pc; });
	if (it == lines.begin())
		return line;
	return std::prev(it)->line;
}

void Program::layout()
{
	uint32_t off = 0;
	for (Function& f : functions) {
		f.text_offset = off;
		off += (f.text_size() + 15) & ~15u;
		f.window_args = static_cast<uint8_t>(f.variadic ? 4 : std::min<uint16_t>(f.nparams, 4));
		check_calls(f);
	}
}

// The interpreter takes a frame's size and a CALL's callee and arguments as given
// (vm::run does not test them on every call): they are tested here, once, when the
// program is laid out.
void Program::check_calls(const Function& f) const
{
	KCTX_CHECK(f.frame_size % 16 == 0);
	for (size_t pc = 0; pc < f.code.size(); pc += op_words(f.code[pc].op)) {
		const Insn& call = f.code[pc];
		if (call.op != Op::CALL && call.op != Op::CALLI)
			continue;
		KCTX_CHECK(pc + 1 < f.code.size());
		KCTX_CHECK(call.b() + call.c() <= f.nregs);
		if (call.op == Op::CALL)
			KCTX_CHECK(f.code[pc + 1].bx() < functions.size());
	}
}

uint32_t Program::text_size() const
{
	if (functions.empty())
		return 0;
	const Function& last = functions.back();
	return (last.text_offset + last.text_size() + 15) & ~15u;
}

std::optional<uint32_t> Program::find_function(std::string_view fname) const
{
	for (uint32_t i = 0; i < functions.size(); i++)
		if (functions[i].name == fname)
			return i;
	return std::nullopt;
}

const Global* Program::find_global(std::string_view gname) const
{
	for (const Global& g : globals)
		if (g.name == gname)
			return &g;
	return nullptr;
}

std::vector<uint8_t> Program::linked_data(uint64_t text_base, uint64_t data_base) const
{
	std::vector<uint8_t> out = data;
	for (const Relocation& r : relocations) {
		uint64_t value = 0;
		switch (r.kind) {
		case Relocation::Kind::Data: value = data_base + r.target + static_cast<uint64_t>(r.addend); break;
		case Relocation::Kind::Function: value = text_base + functions.at(r.target).text_offset; break;
		case Relocation::Kind::Builtin: value = builtin_address(static_cast<abi::BuiltinId>(r.target)); break;
		}
		std::memcpy(out.data() + r.offset, &value, sizeof value);
	}
	return out;
}

std::optional<uint32_t> Program::function_at(uint32_t off) const
{
	for (uint32_t i = 0; i < functions.size(); i++) {
		const Function& f = functions[i];
		if (off >= f.text_offset && off < f.text_offset + std::max(f.text_size(), 1u))
			return i;
	}
	return std::nullopt;
}

}  // namespace kctx::vm
