#include "vm/Assembler.h"

#include <bit>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "vm/Fuse.h"

namespace kctx::vm {

namespace {

std::string_view trim(std::string_view s)
{
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
		s.remove_prefix(1);
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
		s.remove_suffix(1);
	return s;
}

// Splits off the first whitespace-separated word.
std::string_view take_word(std::string_view& s)
{
	s = trim(s);
	size_t n = 0;
	while (n < s.size() && !std::isspace(static_cast<unsigned char>(s[n])))
		n++;
	std::string_view word = s.substr(0, n);
	s = trim(s.substr(n));
	return word;
}

bool is_identifier(std::string_view s)
{
	if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
		return false;
	for (char ch : s)
		if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '.')
			return false;
	return true;
}

// A decimal or 0x-hex integer with an optional sign; negative values wrap to 64 bits.
std::optional<uint64_t> parse_uint_bits(std::string_view s, bool* negative = nullptr)
{
	bool neg = false;
	if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		s.remove_prefix(1);
	}
	int base = 10;
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s.remove_prefix(2);
	}
	uint64_t v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
	if (s.empty() || ec != std::errc() || end != s.data() + s.size())
		return std::nullopt;
	if (negative)
		*negative = neg;
	return neg ? 0 - v : v;
}

std::optional<int64_t> parse_int(std::string_view s, int64_t lo, int64_t hi)
{
	bool neg = false;
	std::optional<uint64_t> bits = parse_uint_bits(s, &neg);
	if (!bits)
		return std::nullopt;
	// Magnitudes beyond the signed range are out of every range asked for here except
	// unsigned 32-bit, which fits in int64 anyway.
	if (neg ? (0 - *bits) > (uint64_t{1} << 63) : *bits > static_cast<uint64_t>(INT64_MAX))
		return std::nullopt;
	auto v = static_cast<int64_t>(*bits);
	if (v < lo || v > hi)
		return std::nullopt;
	return v;
}

struct JumpFixup {
	uint32_t pc = 0;
	std::string label;
	int line = 0;
};

struct FuncFixup {
	uint32_t func = 0;
	uint32_t word = 0;   // the word whose bx names a function
	std::string name;
	int line = 0;
};

class Assembler {
public:
	Result<Program> run(std::string_view text);

private:
	bool line(std::string_view s);
	bool directive(std::string_view word, std::string_view rest, bool& handled);
	bool instruction(Op op, std::string_view rest);
	bool end_function();
	bool fail(std::string message)
	{
		if (m_error.empty())
			m_error = fmt::format("asm:{}: {}", m_line, message);
		return false;
	}

	std::optional<uint16_t> reg(std::string_view s);
	std::optional<int64_t> number(std::string_view s, int64_t lo, int64_t hi, const char* what);
	Function* current() { return m_func ? &m_prog.functions.back() : nullptr; }
	void emit(Insn in);

	Program m_prog;
	bool m_func = false;
	bool m_nregs_given = false;
	uint32_t m_max_reg = 0;
	bool m_any_reg = false;
	uint32_t m_src_line = 0;
	std::map<std::string, uint32_t, std::less<>> m_labels;
	std::vector<JumpFixup> m_jumps;
	std::vector<FuncFixup> m_func_refs;
	int m_line = 0;
	std::string m_error;
};

Result<Program> Assembler::run(std::string_view text)
{
	m_prog.name = "asm";
	m_prog.files.push_back("asm");
	while (!text.empty()) {
		m_line++;
		size_t nl = text.find('\n');
		std::string_view s = text.substr(0, nl);
		text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
		if (!line(s))
			return Error{m_error};
	}
	m_line++;
	if (!end_function())
		return Error{m_error};
	for (const FuncFixup& f : m_func_refs) {
		std::optional<uint32_t> index = m_prog.find_function(f.name);
		if (!index) {
			m_line = f.line;
			fail(fmt::format("unknown function '{}'", f.name));
			return Error{m_error};
		}
		m_prog.functions[f.func].code[f.word].x = *index;
	}
	m_prog.layout();
	return std::move(m_prog);
}

bool Assembler::line(std::string_view s)
{
	s = trim(s.substr(0, s.find(';')));
	// A disassembler listing's "<word>  +0x<offset>" columns.
	if (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) {
		std::string_view rest = s;
		take_word(rest);
		if (rest.starts_with("+0x")) {
			take_word(rest);
			s = rest;
		}
	}
	if (s.empty())
		return true;
	std::string_view rest = s;
	std::string_view word = take_word(rest);
	if (word.ends_with(':')) {
		std::string_view name = word.substr(0, word.size() - 1);
		if (!m_func)
			return fail("label outside a function");
		if (!is_identifier(name))
			return fail(fmt::format("bad label '{}'", name));
		if (!m_labels.emplace(std::string(name), static_cast<uint32_t>(current()->code.size())).second)
			return fail(fmt::format("label '{}' defined twice", name));
		if (rest.empty())
			return true;
		word = take_word(rest);
	}
	bool handled = false;
	if (!directive(word, rest, handled))
		return false;
	if (handled)
		return true;
	for (size_t i = 0; i < static_cast<size_t>(Op::Count); i++) {
		auto op = static_cast<Op>(i);
		if (op_name(op) == word)
			return instruction(op, rest);
	}
	return fail(fmt::format("unknown opcode or directive '{}'", word));
}

bool Assembler::directive(std::string_view word, std::string_view rest, bool& handled)
{
	handled = true;
	if (word == "program") {
		m_prog.name = std::string(take_word(rest));
		return true;
	}
	if (word == "file") {
		m_prog.files[0] = std::string(take_word(rest));
		return true;
	}
	if (word == "world") {
		std::string_view w = take_word(rest);
		if (w == "kernel")
			m_prog.world = abi::World::Kernel;
		else if (w == "user")
			m_prog.world = abi::World::User;
		else if (w == "both")
			m_prog.world = abi::World::Both;
		else
			return fail(fmt::format("unknown world '{}'", w));
		return true;
	}
	if (word == "global") {
		std::string_view name = take_word(rest);
		if (!is_identifier(name))
			return fail("global needs a name");
		auto size = number(take_word(rest), 0, UINT32_MAX, "global size");
		if (!size)
			return false;
		uint32_t off = (static_cast<uint32_t>(m_prog.data.size()) + 7) & ~7u;
		m_prog.data.resize(off + *size);
		m_prog.globals.push_back(Global{std::string(name), off, static_cast<uint32_t>(*size), false});
		return true;
	}
	if (word == "const") {
		std::string_view v = take_word(rest);
		std::optional<uint64_t> bits = parse_uint_bits(v);
		if (!bits) {
			double d = 0;
			auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
			if (v.empty() || ec != std::errc() || end != v.data() + v.size())
				return fail(fmt::format("bad constant '{}'", v));
			bits = std::bit_cast<uint64_t>(d);
		}
		m_prog.constants.push_back(*bits);
		return true;
	}
	if (word == "line") {
		auto n = number(take_word(rest), 0, UINT32_MAX, "line");
		if (!n)
			return false;
		m_src_line = static_cast<uint32_t>(*n);
		if (Function* f = current(); f && f->code.empty() && f->line == 0)
			f->line = m_src_line;
		return true;
	}
	if (word == "func") {
		if (!end_function())
			return false;
		std::string_view name = take_word(rest);
		if (!is_identifier(name))
			return fail("func needs a name");
		if (m_prog.find_function(name))
			return fail(fmt::format("function '{}' defined twice", name));
		Function f;
		f.name = std::string(name);
		f.returns_value = true;
		m_nregs_given = false;
		while (!rest.empty()) {
			std::string_view kv = take_word(rest);
			if (kv == "static") {
				f.is_static = true;
				continue;
			}
			if (kv == "void") {
				f.returns_value = false;
				continue;
			}
			size_t eq = kv.find('=');
			std::string_view key = kv.substr(0, eq);
			std::string_view val = eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1);
			if (key == "nparams") {
				auto n = number(val, 0, UINT16_MAX, "nparams");
				if (!n)
					return false;
				f.nparams = static_cast<uint16_t>(*n);
			} else if (key == "nregs") {
				auto n = number(val, 0, UINT16_MAX, "nregs");
				if (!n)
					return false;
				f.nregs = static_cast<uint16_t>(*n);
				m_nregs_given = true;
			} else if (key == "frame") {
				auto n = number(val, 0, UINT32_MAX - 15, "frame");
				if (!n)
					return false;
				f.frame_size = static_cast<uint32_t>((*n + 15) & ~uint64_t{15});   // 16-aligned, as a frame is
			} else if (key == "line") {
				auto n = number(val, 0, UINT32_MAX, "line");
				if (!n)
					return false;
				f.line = static_cast<uint32_t>(*n);
			} else {
				return fail(fmt::format("unknown func attribute '{}'", kv));
			}
		}
		m_prog.functions.push_back(std::move(f));
		m_func = true;
		m_src_line = 0;
		m_any_reg = false;
		m_max_reg = 0;
		return true;
	}
	handled = false;
	return true;
}

bool Assembler::end_function()
{
	Function* f = current();
	if (!f)
		return true;
	for (const JumpFixup& j : m_jumps) {
		auto it = m_labels.find(j.label);
		if (it == m_labels.end()) {
			m_line = j.line;
			return fail(fmt::format("unknown label '{}'", j.label));
		}
		int64_t off = static_cast<int64_t>(it->second) - static_cast<int64_t>(j.pc) - 1;
		Insn& in = f->code[j.pc];
		if (op_format(in.op) == Format::ABsC) {
			if (off < INT16_MIN || off > INT16_MAX) {
				m_line = j.line;
				return fail(fmt::format("jump to '{}' is too far for a 16-bit offset", j.label));
			}
			in = Insn::make_sc(in.op, in.a, in.b(), static_cast<int16_t>(off));
		} else {
			in = Insn::make_sbx(in.op, in.a, static_cast<int32_t>(off));
		}
	}
	if (std::optional<std::string> bad = check_fused(*f))
		return fail(fmt::format("in {}: {}", f->name, *bad));
	if (!m_nregs_given)
		f->nregs = static_cast<uint16_t>(std::max<uint32_t>(f->nparams, m_any_reg ? m_max_reg + 1 : 0));
	m_jumps.clear();
	m_labels.clear();
	m_func = false;
	return true;
}

std::optional<uint16_t> Assembler::reg(std::string_view s)
{
	if (s.size() < 2 || s[0] != 'r') {
		fail(fmt::format("expected a register, got '{}'", s));
		return std::nullopt;
	}
	auto n = parse_int(s.substr(1), 0, UINT16_MAX);
	if (!n) {
		fail(fmt::format("bad register '{}'", s));
		return std::nullopt;
	}
	m_any_reg = true;
	m_max_reg = std::max<uint32_t>(m_max_reg, static_cast<uint32_t>(*n));
	return static_cast<uint16_t>(*n);
}

std::optional<int64_t> Assembler::number(std::string_view s, int64_t lo, int64_t hi, const char* what)
{
	auto n = parse_int(s, lo, hi);
	if (!n)
		fail(fmt::format("bad {} '{}' (expected {}..{})", what, s, lo, hi));
	return n;
}

void Assembler::emit(Insn in)
{
	Function* f = current();
	if (m_src_line != 0 && (f->lines.empty() || f->lines.back().line != m_src_line))
		f->lines.push_back(LineEntry{static_cast<uint32_t>(f->code.size()), m_src_line});
	f->code.push_back(in);
}

bool Assembler::instruction(Op op, std::string_view rest)
{
	Function* f = current();
	if (!f)
		return fail("instruction outside a function");
	std::vector<std::string_view> ops;
	for (rest = trim(rest); !rest.empty();) {
		size_t comma = rest.find(',');
		ops.push_back(trim(rest.substr(0, comma)));
		rest = comma == std::string_view::npos ? std::string_view() : trim(rest.substr(comma + 1));
	}
	auto expect = [&](size_t n) {
		if (ops.size() == n)
			return true;
		return fail(fmt::format("{} takes {} operands, got {}", op_name(op), n, ops.size()));
	};
	auto jump_to = [&](std::string_view label) {
		if (!is_identifier(label))
			return fail(fmt::format("expected a label, got '{}'", label));
		m_jumps.push_back(JumpFixup{static_cast<uint32_t>(f->code.size()), std::string(label), m_line});
		return true;
	};
	bool jump = op == Op::JMP || op == Op::JZ || op == Op::JNZ || op == Op::JEQ || op == Op::JNE ||
		    op == Op::JLTS || op == Op::JLES || op == Op::JLTU || op == Op::JLEU;

	switch (op_format(op)) {
	case Format::N:
		if (!expect(0))
			return false;
		emit(Insn::make(op));
		return true;
	case Format::A: {
		if (!expect(1))
			return false;
		std::optional<int64_t> a;
		if (op == Op::TRAP)
			a = number(ops[0], 0, UINT16_MAX, "trap code");
		else if (auto r = reg(ops[0]))
			a = *r;
		if (!a)
			return false;
		emit(Insn::make(op, static_cast<uint16_t>(*a)));
		return true;
	}
	case Format::AB: {
		if (!expect(2))
			return false;
		auto a = reg(ops[0]);
		auto b = a ? reg(ops[1]) : std::nullopt;
		if (!b)
			return false;
		emit(Insn::make(op, *a, *b));
		return true;
	}
	case Format::ABC: {
		if (!expect(3))
			return false;
		auto a = reg(ops[0]);
		auto b = a ? reg(ops[1]) : std::nullopt;
		auto c = b ? reg(ops[2]) : std::nullopt;
		if (!c)
			return false;
		emit(Insn::make(op, *a, *b, *c));
		return true;
	}
	case Format::ABsC: {
		if (!expect(3))
			return false;
		auto a = reg(ops[0]);
		auto b = a ? reg(ops[1]) : std::nullopt;
		if (!b)
			return false;
		if (jump) {
			if (!jump_to(ops[2]))
				return false;
			emit(Insn::make(op, *a, *b));
			return true;
		}
		auto c = number(ops[2], INT16_MIN, INT16_MAX, "16-bit immediate");
		if (!c)
			return false;
		emit(Insn::make_sc(op, *a, *b, static_cast<int16_t>(*c)));
		return true;
	}
	case Format::ABx: {
		if (!expect(2))
			return false;
		auto a = reg(ops[0]);
		if (!a)
			return false;
		std::string_view x = ops[1];
		if (op == Op::LOADK) {
			if (x.starts_with("K[") && x.ends_with("]")) {
				auto k = number(x.substr(2, x.size() - 3), 0, UINT32_MAX, "constant index");
				if (!k)
					return false;
				if (static_cast<uint64_t>(*k) >= m_prog.constants.size())
					return fail(fmt::format("K[{}] is not defined (use 'const')", *k));
				emit(Insn::make_bx(op, *a, static_cast<uint32_t>(*k)));
				return true;
			}
			std::optional<uint64_t> bits = parse_uint_bits(x);
			if (!bits) {
				double d = 0;
				auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), d);
				if (x.empty() || ec != std::errc() || end != x.data() + x.size())
					return fail(fmt::format("bad constant '{}'", x));
				bits = std::bit_cast<uint64_t>(d);
			}
			uint32_t k = 0;
			while (k < m_prog.constants.size() && m_prog.constants[k] != *bits)
				k++;
			if (k == m_prog.constants.size())
				m_prog.constants.push_back(*bits);
			emit(Insn::make_bx(op, *a, k));
			return true;
		}
		if (op == Op::FADDR && x.starts_with('@')) {
			m_func_refs.push_back(FuncFixup{static_cast<uint32_t>(m_prog.functions.size() - 1),
							static_cast<uint32_t>(f->code.size()), std::string(x.substr(1)),
							m_line});
			emit(Insn::make_bx(op, *a, 0));
			return true;
		}
		if (op == Op::GADDR && is_identifier(x)) {
			const Global* g = m_prog.find_global(x);
			if (!g)
				return fail(fmt::format("unknown global '{}'", x));
			emit(Insn::make_bx(op, *a, g->offset));
			return true;
		}
		auto bx = number(x, 0, UINT32_MAX, "32-bit operand");
		if (!bx)
			return false;
		emit(Insn::make_bx(op, *a, static_cast<uint32_t>(*bx)));
		return true;
	}
	case Format::AsBx: {
		if (!expect(2))
			return false;
		auto a = reg(ops[0]);
		if (!a)
			return false;
		if (jump) {
			if (!jump_to(ops[1]))
				return false;
			emit(Insn::make(op, *a));
			return true;
		}
		auto sbx = number(ops[1], INT32_MIN, INT32_MAX, "32-bit immediate");
		if (!sbx)
			return false;
		emit(Insn::make_sbx(op, *a, static_cast<int32_t>(*sbx)));
		return true;
	}
	case Format::sBx:
		if (!expect(1) || !jump_to(ops[0]))
			return false;
		emit(Insn::make(op));
		return true;
	case Format::Call: {
		if (!expect(4))
			return false;
		auto a = reg(ops[0]);
		auto b = a ? reg(ops[1]) : std::nullopt;
		auto c = b ? number(ops[2], 0, UINT16_MAX, "argument count") : std::nullopt;
		if (!c)
			return false;
		std::string_view target = ops[3];
		Insn second;
		if (op == Op::CALLI) {
			auto r = reg(target);
			if (!r)
				return false;
			second = Insn::make(Op::NOP, *r);
		} else if (op == Op::CALLB) {
			if (!target.starts_with('$'))
				return fail(fmt::format("CALLB needs a $builtin, got '{}'", target));
			// A number names a builtin by id (tests use ids past the table to fault).
			std::optional<int64_t> id;
			if (std::optional<abi::BuiltinId> b = abi::find_builtin(target.substr(1)))
				id = static_cast<int64_t>(*b);
			else
				id = parse_int(target.substr(1), 0, UINT32_MAX);
			if (!id)
				return fail(fmt::format("unknown builtin '{}'", target.substr(1)));
			second = Insn::make_bx(Op::NOP, 0, static_cast<uint32_t>(*id));
		} else {
			if (!target.starts_with('@'))
				return fail(fmt::format("CALL needs an @function, got '{}'", target));
			m_func_refs.push_back(FuncFixup{static_cast<uint32_t>(m_prog.functions.size() - 1),
							static_cast<uint32_t>(f->code.size() + 1),
							std::string(target.substr(1)), m_line});
		}
		emit(Insn::make(op, *a, *b, static_cast<uint16_t>(*c)));
		f->code.push_back(second);
		return true;
	}
	}
	return fail("unhandled format");
}

}  // namespace

Result<Program> assemble(std::string_view text)
{
	Assembler as;
	return as.run(text);
}

}  // namespace kctx::vm
