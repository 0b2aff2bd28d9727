#include "vm/Disassembler.h"

#include <bit>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace kctx::vm {

namespace {

bool is_jump(Op op)
{
	switch (op) {
	case Op::JMP:
	case Op::JZ:
	case Op::JNZ:
	case Op::JEQ:
	case Op::JNE:
	case Op::JLTS:
	case Op::JLES:
	case Op::JLTU:
	case Op::JLEU:
		return true;
	default:
		return false;
	}
}

// Word index a jump at `pc` lands on: offsets count from the instruction after it.
int64_t jump_target(const Insn& in, uint32_t pc)
{
	int64_t off = op_format(in.op) == Format::ABsC ? in.sc() : in.sbx();
	return static_cast<int64_t>(pc) + 1 + off;
}

std::string label(int64_t target) { return fmt::format("L{}", target); }

std::string function_ref(const Program& p, uint32_t index)
{
	if (index < p.functions.size())
		return "@" + p.functions[index].name;
	return fmt::format("@{}", index);   // no such function: the assembler will not take it back
}

std::string builtin_ref(uint32_t id)
{
	if (id < static_cast<uint32_t>(abi::BuiltinId::Count))
		return fmt::format("${}", abi::builtin(static_cast<abi::BuiltinId>(id)).name);
	return fmt::format("${}", id);
}

std::string escape(std::string_view s)
{
	std::string out;
	for (char ch : s) {
		switch (ch) {
		case '\n': out += "\\n"; break;
		case '\t': out += "\\t"; break;
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		default: out += ch; break;
		}
	}
	return out;
}

// The bytes at data offset `off` as a string literal, when they look like one (printable
// up to a NUL): format strings make a listing much easier to follow.
std::string string_at(const Program& p, uint32_t off)
{
	std::string s;
	for (uint32_t i = off; i < p.data.size() && s.size() < 48; i++) {
		unsigned char ch = p.data[i];
		if (ch == 0)
			return s.empty() ? std::string() : fmt::format("\"{}\"", escape(s));
		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch >= 0x7f)
			return {};
		s += static_cast<char>(ch);
	}
	return {};
}

// What a K[] constant holds. The pool does not record types, so a value that does not
// fit in 32 bits also shows its double reading when that reading is a plausible number.
std::string constant_note(uint64_t v)
{
	auto s = static_cast<int64_t>(v);
	if (s >= INT32_MIN && s <= INT32_MAX)
		return fmt::format("{}", s);
	double d = std::bit_cast<double>(v);
	if (std::isnormal(d) && std::fabs(d) >= 1e-6 && std::fabs(d) < 1e18)
		return fmt::format("{} (0x{:x}, double {})", s, v, d);
	return fmt::format("{} (0x{:x})", s, v);
}

std::string global_note(const Program& p, uint32_t off)
{
	for (const Global& g : p.globals)
		if (g.offset == off)
			return g.name;
	for (const Global& g : p.globals)
		if (off > g.offset && off < g.offset + g.size)
			return fmt::format("{}+{}", g.name, off - g.offset);
	return string_at(p, off);
}

// The comment that follows an instruction, if it has one.
std::string note(const Program& p, const Insn& in)
{
	switch (in.op) {
	case Op::LOADK:
		if (in.bx() < p.constants.size())
			return constant_note(p.constants[in.bx()]);
		return "no such constant";
	case Op::GADDR:
		return global_note(p, in.bx());
	default:
		return {};
	}
}

std::string operands(const Program& p, const Function& f, uint32_t pc)
{
	const Insn& in = f.code[pc];
	auto r = [](uint32_t n) { return fmt::format("r{}", n); };
	switch (op_format(in.op)) {
	case Format::N:
		return {};
	case Format::A:
		// TRAP's operand is a reason code, not a register.
		return in.op == Op::TRAP ? fmt::format("{}", in.a) : r(in.a);
	case Format::AB:
		return fmt::format("{}, {}", r(in.a), r(in.b()));
	case Format::ABC:
		return fmt::format("{}, {}, {}", r(in.a), r(in.b()), r(in.c()));
	case Format::ABsC:
		if (is_jump(in.op))
			return fmt::format("{}, {}, {}", r(in.a), r(in.b()), label(jump_target(in, pc)));
		return fmt::format("{}, {}, {}", r(in.a), r(in.b()), in.sc());
	case Format::ABx:
		switch (in.op) {
		case Op::LOADK: return fmt::format("{}, K[{}]", r(in.a), in.bx());
		case Op::FADDR: return fmt::format("{}, {}", r(in.a), function_ref(p, in.bx()));
		default: return fmt::format("{}, {}", r(in.a), in.bx());
		}
	case Format::AsBx:
		if (is_jump(in.op))
			return fmt::format("{}, {}", r(in.a), label(jump_target(in, pc)));
		return fmt::format("{}, {}", r(in.a), in.sbx());
	case Format::sBx:
		return label(jump_target(in, pc));
	case Format::Call: {
		std::string head = fmt::format("{}, {}, {}, ", r(in.a), r(in.b()), in.c());
		if (pc + 1 >= f.code.size())
			return head + "<missing second word>";
		const Insn& target = f.code[pc + 1];
		switch (in.op) {
		case Op::CALL: return head + function_ref(p, target.bx());
		case Op::CALLB: return head + builtin_ref(target.bx());
		default: return head + r(target.a);
		}
	}
	}
	return {};
}

std::string file_name(const Program& p, const Function& f)
{
	return f.file < p.files.size() ? p.files[f.file] : std::string("?");
}

}  // namespace

std::string format_insn(const Program& program, uint32_t func, uint32_t pc)
{
	const Function& f = program.functions.at(func);
	const Insn& in = f.code.at(pc);
	if (static_cast<size_t>(in.op) >= static_cast<size_t>(Op::Count))
		return fmt::format(".word 0x{:016x}", std::bit_cast<uint64_t>(in));
	std::string ops = operands(program, f, pc);
	if (ops.empty())
		return std::string(op_name(in.op));
	return fmt::format("{:<7} {}", op_name(in.op), ops);
}

std::string disassemble_function(const Program& program, uint32_t func)
{
	const Function& f = program.functions.at(func);
	std::string out = fmt::format("func {} nparams={} nregs={} frame={}", f.name, f.nparams, f.nregs,
				      f.frame_size);
	out += fmt::format("    ; {}:{}, text +0x{:x} size 0x{:x}{}{}\n", file_name(program, f), f.line,
			   f.text_offset, f.text_size(), f.is_static ? ", static" : "",
			   f.returns_value ? "" : ", void");

	std::set<int64_t> targets;
	for (uint32_t pc = 0; pc < f.code.size(); pc += op_words(f.code[pc].op))
		if (static_cast<size_t>(f.code[pc].op) < static_cast<size_t>(Op::Count) && is_jump(f.code[pc].op))
			targets.insert(jump_target(f.code[pc], pc));

	uint32_t last_line = 0;
	for (uint32_t pc = 0; pc < f.code.size();) {
		if (targets.count(pc))
			out += label(pc) + ":\n";
		uint32_t line = f.lines.empty() ? 0 : f.line_at(pc);
		if (line != last_line && line != 0)
			out += fmt::format("{:16}; {}:{}\n", "", file_name(program, f), line);
		last_line = line;
		std::string text = format_insn(program, func, pc);
		std::string comment = static_cast<size_t>(f.code[pc].op) < static_cast<size_t>(Op::Count)
					      ? note(program, f.code[pc])
					      : std::string();
		out += fmt::format("  {:4}  +0x{:03x}  ", pc, pc * kInsnBytes);
		if (comment.empty())
			out += text + "\n";
		else
			out += fmt::format("{:<28} ; {}\n", text, comment);
		uint32_t words = static_cast<size_t>(f.code[pc].op) < static_cast<size_t>(Op::Count)
					 ? op_words(f.code[pc].op)
					 : 1;
		pc += words;
	}
	// A jump past the last instruction still gets its label, so the listing reassembles.
	for (int64_t t : targets)
		if (t >= static_cast<int64_t>(f.code.size()) || t < 0)
			out += fmt::format("; {} is outside the function\n", label(t));
	return out;
}

std::string disassemble(const Program& program)
{
	const char* world = program.world == abi::World::Kernel ? "kernel" :
			    program.world == abi::World::User   ? "user" :
								  "both";
	std::string out = fmt::format("; program {} ({}): {} functions, text 0x{:x} bytes, data 0x{:x} bytes\n",
				      program.name, world, program.functions.size(), program.text_size(),
				      program.data.size());
	for (size_t i = 0; i < program.constants.size(); i++)
		out += fmt::format("const {:<22} ; K[{}]\n", static_cast<int64_t>(program.constants[i]), i);
	for (const Global& g : program.globals)
		out += fmt::format("; global {} at data+0x{:x}, {} bytes{}\n", g.name, g.offset, g.size,
				   g.is_static ? ", static" : "");
	for (const Relocation& r : program.relocations) {
		std::string target;
		switch (r.kind) {
		case Relocation::Kind::Data: target = fmt::format("data+0x{:x}{:+}", r.target, r.addend); break;
		case Relocation::Kind::Function: target = function_ref(program, r.target); break;
		case Relocation::Kind::Builtin: target = builtin_ref(r.target); break;
		}
		out += fmt::format("; reloc data+0x{:x} = {}\n", r.offset, target);
	}
	for (uint32_t i = 0; i < program.functions.size(); i++) {
		out += "\n";
		out += disassemble_function(program, i);
	}
	return out;
}

}  // namespace kctx::vm
