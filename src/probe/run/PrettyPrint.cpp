#include "probe/run/PrettyPrint.h"

#include <fmt/format.h>

namespace kctx::probe {

namespace {

// stap's format-argument limit (PR10750): the values one pretty-print may print.
constexpr size_t kMaxValues = 32;

bool is_char(const std::string& type)
{
	return type == "char" || type == "unsigned char";
}

// '%#c': a character with the escapes that keep a NUL or a newline from breaking the line.
std::string quoted_char(uint8_t c)
{
	switch (c) {
	case '\a': return "'\\a'";
	case '\b': return "'\\b'";
	case '\f': return "'\\f'";
	case '\n': return "'\\n'";
	case '\r': return "'\\r'";
	case '\t': return "'\\t'";
	case '\v': return "'\\v'";
	case '\\': return "'\\\\'";
	case '\'': return "'\\''";
	default: break;
	}
	if (c >= 0x20 && c < 0x7f)
		return fmt::format("'{}'", static_cast<char>(c));
	return fmt::format("'\\{:03o}'", c);
}

class Printer {
public:
	Printer(const CTypes& types, bool full, const MemoryRead& read, const StringRead& read_string, uint64_t max_string)
		: m_types(types), m_full(full), m_read(read), m_read_string(read_string), m_max_string(max_string)
	{
	}

	// A value of `type`: a scalar's or pointer's value, an aggregate's address.
	void value(const std::string& type, int64_t v, bool top)
	{
		const CType* t = find(type);
		if (!t) {
			m_out += "?";
			return;
		}
		switch (t->kind) {
		case CType::Kind::Scalar: scalar(type, *t, v); return;
		case CType::Kind::Pointer: pointer(*t, v, top); return;
		case CType::Kind::Array: array(*t, static_cast<uint64_t>(v), top); return;
		case CType::Kind::Record: record(*t, static_cast<uint64_t>(v), top); return;
		case CType::Kind::Function:
		case CType::Kind::Other: m_out += "?"; return;
		}
	}

	[[nodiscard]] Pretty result() const
	{
		if (m_fault)
			return {std::nullopt, *m_fault};
		return {m_out, 0};
	}

private:
	const CType* find(const std::string& name) const
	{
		auto it = m_types.find(name);
		return it == m_types.end() ? nullptr : &it->second;
	}

	// The value of `type` stored at addr.
	void at(const std::string& type, uint64_t addr, bool top)
	{
		const CType* t = find(type);
		if (!t || (t->kind != CType::Kind::Scalar && t->kind != CType::Kind::Pointer)) {
			value(type, static_cast<int64_t>(addr), top);
			return;
		}
		uint64_t raw = 0;
		if (!m_read(addr, &raw, std::min<uint64_t>(t->size, 8))) {
			m_fault = m_fault.value_or(addr);
			return;
		}
		value(type, extend_value(raw, t->size, t->is_signed), top);
	}

	// A bit-field always prints as a number, a char-typed one too (recurse_bitfield()).
	void bitfield(const CMember& m, uint64_t addr)
	{
		const CType* t = find(m.type);
		uint64_t raw = 0;
		if (!t || !m_read(addr, &raw, std::min<uint64_t>(t->size, 8))) {
			m_fault = m_fault.value_or(addr);
			return;
		}
		m_values++;
		int64_t v = extract_bits(raw, m.bit_offset, m.bit_width, t->is_signed);
		m_out += t->is_signed ? fmt::format("{}", v) : fmt::format("{}", static_cast<uint64_t>(v));
	}

	void scalar(const std::string& type, const CType& t, int64_t v)
	{
		m_values++;
		if (t.is_float)
			m_out += "?";
		else if (is_char(type) || type == "signed char")
			m_out += quoted_char(static_cast<uint8_t>(v));
		else if (t.is_signed)
			m_out += fmt::format("{}", v);
		else
			m_out += fmt::format("{}", static_cast<uint64_t>(v) & (t.size >= 8 ? ~0ull : (1ull << (t.size * 8)) - 1));
	}

	// char data as a string; "<unknown>" where it cannot be read (kernel_string2()).
	void string_at(uint64_t addr)
	{
		m_values++;
		std::optional<std::string> s = m_read_string(addr, m_max_string);
		m_out += fmt::format("\"{}\"", s ? *s : "<unknown>");
	}

	void pointer(const CType& t, int64_t v, bool top)
	{
		const CType* to = t.target.empty() ? nullptr : find(t.target);
		if (to && is_char(t.target)) {
			string_at(static_cast<uint64_t>(v));
			return;
		}
		if (to && to->kind == CType::Kind::Function) {
			m_values++;
			m_out += fmt::format("<function>:{:#018x}", static_cast<uint64_t>(v));
			return;
		}
		// Only a top-level pointer is followed.
		if (to && top && to->kind != CType::Kind::Other) {
			at(t.target, static_cast<uint64_t>(v), top);
			return;
		}
		m_values++;
		m_out += fmt::format("{:#018x}", static_cast<uint64_t>(v));
	}

	void array(const CType& t, uint64_t addr, bool top)
	{
		if (!top && !m_full) {
			m_out += "[...]";
			return;
		}
		if (is_char(t.target)) {
			string_at(addr);
			return;
		}
		// stap prints the first element (it does not know the array's length).
		m_out += "[";
		at(t.target, addr, false);
		m_out += ", ...]";
	}

	void record(const CType& t, uint64_t addr, bool top)
	{
		m_out += "{";
		if (!top && !m_full) {
			m_out += "...}";
			return;
		}
		for (size_t i = 0; i < t.members.size(); i++) {
			if (i > 0)
				m_out += ", ";
			if (m_values >= kMaxValues) {
				m_out += "...";
				break;
			}
			const CMember& m = t.members[i];
			m_out += "." + m.name + "=";
			if (m.bit_width)
				bitfield(m, addr + m.offset);
			else
				at(m.type, addr + m.offset, false);
		}
		m_out += "}";
	}

	const CTypes& m_types;
	bool m_full;
	const MemoryRead& m_read;
	const StringRead& m_read_string;
	uint64_t m_max_string;
	std::string m_out;
	size_t m_values = 0;
	std::optional<uint64_t> m_fault;
};

}  // namespace

Pretty pretty_print(const CTypes& types, const std::string& type, int64_t value, bool full, const MemoryRead& read,
		    const StringRead& read_string, uint64_t max_string)
{
	Printer p(types, full, read, read_string, max_string);
	p.value(type, value, true);
	return p.result();
}

}  // namespace kctx::probe
