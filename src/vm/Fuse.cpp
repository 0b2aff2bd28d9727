#include "vm/Fuse.h"

#include <algorithm>
#include <span>
#include <vector>

#include <fmt/format.h>

namespace kctx::vm {

namespace {

// The superinstructions by their parts, longest first so that a run takes the longest
// fusion that fits (MUL, ADD, LD32S is one instruction, not MUL_ADD and a plain LD32S).
struct Fusion {
	Op fused;
	OpParts parts;
};

const std::vector<Fusion>& fusions()
{
	static const std::vector<Fusion> table = [] {
		std::vector<Fusion> t;
		for (size_t i = 0; i < static_cast<size_t>(Op::Count); i++) {
			Op op = static_cast<Op>(i);
			if (op_is_fused(op))
				t.push_back({op, op_parts(op)});
		}
		std::stable_sort(t.begin(), t.end(), [](const Fusion& a, const Fusion& b) {
			return a.parts.count > b.parts.count;
		});
		return t;
	}();
	return table;
}

bool is_plain(const Insn& in) { return in.op < Op::Count && !op_is_fused(in.op); }

bool matches(std::span<const Insn> code, size_t pc, const OpParts& parts)
{
	size_t at = pc;
	for (uint8_t i = 0; i < parts.count; i++) {
		if (at + op_words(parts.ops[i]) > code.size() || code[at].op != parts.ops[i])
			return false;
		at += op_words(parts.ops[i]);
	}
	return true;
}

}  // namespace

uint32_t fuse(Function& f)
{
	uint32_t fused = 0;
	std::vector<Insn>& code = f.code;
	for (size_t pc = 0; pc < code.size();) {
		if (!is_plain(code[pc])) {
			// Already fused (or not an instruction): leave it and its parts alone.
			pc += code[pc].op < Op::Count ? op_parts(code[pc].op).count : 1;
			continue;
		}
		const Fusion* hit = nullptr;
		for (const Fusion& fu : fusions())
			if (fu.parts.ops[0] == code[pc].op && matches(code, pc, fu.parts)) {
				hit = &fu;
				break;
			}
		if (!hit) {
			pc += op_words(code[pc].op);
			continue;
		}
		code[pc].op = hit->fused;
		fused++;
		for (uint8_t i = 0; i < hit->parts.count; i++)
			pc += op_words(hit->parts.ops[i]);   // a call part has its second word
	}
	return fused;
}

std::optional<std::string> check_fused(const Function& f)
{
	for (size_t pc = 0; pc < f.code.size();) {
		Op op = f.code[pc].op;
		if (op >= Op::Count) {
			pc++;
			continue;
		}
		const OpParts& parts = op_parts(op);
		size_t at = pc + op_words(parts.ops[0]);
		for (uint8_t i = 1; i < parts.count; i++) {
			if (at >= f.code.size() || f.code[at].op != parts.ops[i])
				return fmt::format("pc {}: {} needs {} at pc {}", pc, op_name(op), op_name(parts.ops[i]), at);
			at += op_words(parts.ops[i]);
		}
		pc += op_words(op);
	}
	return std::nullopt;
}

uint32_t fuse(Program& p)
{
	uint32_t n = 0;
	for (Function& f : p.functions)
		n += fuse(f);
	return n;
}

}  // namespace kctx::vm
