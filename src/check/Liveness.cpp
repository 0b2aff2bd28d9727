// Live registers per pc. The code is read as plain instructions: a superinstruction
// changes only the opcode byte of its first part and the later parts keep their own
// words (vm/Opcodes.def), so reading the first word as that first part gives the plain
// code, which is also what a jump into a group or a budget cut inside one sees.
#include "check/Liveness.h"

#include <algorithm>

#include "vm/Insn.h"

namespace kctx::check {

namespace {

using vm::Op;

// Opcodes.def's length when the table below was last checked against it: an opcode
// added there must be classified here (which registers it reads and writes) first.
static_assert(static_cast<size_t>(Op::Count) == 88 + 91, "classify the new opcode in reads_writes() below");

// What one instruction does to registers and where control goes next.
struct Effect {
	std::vector<uint16_t> reads;
	bool writes = false;    // writes register `a`
	uint16_t a = 0;
	bool falls_through = true;
	bool jumps = false;
	int64_t target = 0;     // pc of the jump's target
	uint32_t words = 1;
};

Effect effect_of(const std::vector<vm::Insn>& code, uint32_t pc)
{
	const vm::Insn& in = code[pc];
	const Op op = vm::op_parts(in.op).ops[0];
	Effect e;
	e.a = in.a;
	e.words = vm::op_words(op);
	auto read = [&](uint16_t r) { e.reads.push_back(r); };
	switch (op) {
	case Op::NOP: return e;
	case Op::ST8: case Op::ST16: case Op::ST32: case Op::ST64: case Op::STF32:
		read(in.a), read(in.b());
		return e;
	case Op::MEMCPY: case Op::MEMSET:
		read(in.a), read(in.b()), read(in.c());
		return e;
	case Op::GETSP: e.writes = true; return e;
	case Op::SETSP: read(in.a); return e;
	case Op::JMP:
		e.falls_through = false;
		e.jumps = true;
		e.target = static_cast<int64_t>(pc) + 1 + in.sbx();
		return e;
	case Op::JZ: case Op::JNZ:
		read(in.a);
		e.jumps = true;
		e.target = static_cast<int64_t>(pc) + 1 + in.sbx();
		return e;
	case Op::JEQ: case Op::JNE: case Op::JLTS: case Op::JLES: case Op::JLTU: case Op::JLEU:
		read(in.a), read(in.b());
		e.jumps = true;
		e.target = static_cast<int64_t>(pc) + 1 + in.sc();
		return e;
	case Op::CALL: case Op::CALLI: case Op::CALLB:
		// r[b .. b+c-1] are the arguments; r[a] receives the result when the call
		// returns (RETV writes 0 there; a builtin's result is written before the code
		// goes on: vm::complete_builtin), or the call is made again (rewind_builtin),
		// reading its arguments again.
		for (uint32_t r = in.b(); r < static_cast<uint32_t>(in.b()) + in.c(); r++)
			read(static_cast<uint16_t>(r));
		if (op == Op::CALLI && pc + 1 < code.size())
			read(code[pc + 1].a);   // the target's register
		e.writes = true;
		return e;
	case Op::RET: read(in.a); e.falls_through = false; return e;
	case Op::RETV: case Op::TRAP: e.falls_through = false; return e;
	default: break;
	}
	// The rest write r[a] from their operands, by format (Opcodes.def).
	e.writes = true;
	switch (vm::op_format(op)) {
	case vm::Format::AB: case vm::Format::ABsC: read(in.b()); break;
	case vm::Format::ABC: read(in.b()), read(in.c()); break;
	default: break;   // ABx, AsBx: a constant or an address
	}
	return e;
}

}  // namespace

Liveness::Table Liveness::analyse(const vm::Function& f)
{
	Table t;
	const auto n = static_cast<uint32_t>(f.code.size());
	t.words = (static_cast<uint32_t>(f.nregs) + 63) / 64;
	t.live.assign(static_cast<size_t>(n) * t.words, 0);
	t.first_word.assign(n, false);
	std::vector<Effect> effects(n);
	for (uint32_t pc = 0; pc < n;) {
		t.first_word[pc] = true;
		effects[pc] = effect_of(f.code, pc);
		pc += effects[pc].words;
	}
	auto in_range = [&](int64_t pc) { return pc >= 0 && pc < static_cast<int64_t>(n); };
	// Backward passes until nothing changes: live_in(pc) = reads ∪ (live_in(succ) − write).
	std::vector<uint64_t> next(t.words);
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t pc = n; pc-- > 0;) {
			if (!t.first_word[pc])
				continue;
			const Effect& e = effects[pc];
			std::fill(next.begin(), next.end(), 0);
			auto merge = [&](int64_t succ) {
				if (!in_range(succ))
					return;
				const uint64_t* s = &t.live[static_cast<size_t>(succ) * t.words];
				for (uint32_t w = 0; w < t.words; w++)
					next[w] |= s[w];
			};
			if (e.falls_through)
				merge(static_cast<int64_t>(pc) + e.words);
			if (e.jumps)
				merge(e.target);
			if (e.writes && e.a < f.nregs)
				next[e.a / 64] &= ~(1ull << (e.a % 64));
			for (uint16_t r : e.reads)
				if (r < f.nregs)
					next[r / 64] |= 1ull << (r % 64);
			uint64_t* cur = &t.live[static_cast<size_t>(pc) * t.words];
			if (!std::equal(next.begin(), next.end(), cur)) {
				std::copy(next.begin(), next.end(), cur);
				changed = true;
			}
		}
	}
	return t;
}

const uint64_t* Liveness::live_at(const vm::Program& p, uint32_t func, uint32_t pc)
{
	if (func >= p.functions.size())
		return nullptr;
	auto& slot = m_tables[Key{&p, func}];
	if (!slot)
		slot = std::make_unique<Table>(analyse(p.functions[func]));
	if (pc >= slot->first_word.size() || !slot->first_word[pc])
		return nullptr;
	return &slot->live[static_cast<size_t>(pc) * slot->words];
}

}  // namespace kctx::check
