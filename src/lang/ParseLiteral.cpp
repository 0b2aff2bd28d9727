// Literals: integer and floating constants, character and string literals with their
// escapes.
#include "lang/ParserImpl.h"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace kctx::lang::parser {

Expr* Parser::number(const Token& t)
{
	const std::string& s = t.text;
	bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	bool is_float = false;
	if (hex)
		is_float = s.find_first_of(".pP") != std::string::npos;
	else
		is_float = s.find_first_of(".eE") != std::string::npos;
	if (is_float)
		return float_number(t, hex);
	size_t i = 0;
	int base = 10;
	if (hex) {
		base = 16;
		i = 2;
	} else if (s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		i = 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	unsigned __int128 v = 0;
	bool overflow = false;
	size_t digits = 0;
	for (; i < s.size(); i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
		if (d >= 99 || (d >= base && !(base == 8 && d < 10) && !(base == 10)))
			break;
		if (d >= base) {
			error(t.loc, fmt::format("invalid digit '{}' in {} constant", c, base == 8 ? "octal" : "binary"), t.length);
			return m_sema.int_lit(0, m_types.int_type(), t.loc);
		}
		v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
		if (v > UINT64_MAX)
			overflow = true;
		digits++;
	}
	if (digits == 0 && base != 8) {
		error(t.loc, fmt::format("invalid integer constant '{}'", s), t.length);
		return m_sema.int_lit(0, m_types.int_type(), t.loc);
	}
	std::string suffix = s.substr(i);
	bool u = false;
	int l = 0;
	{
		std::string lower;
		for (char c : suffix)
			lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
		bool ok = true;
		if (lower == "" ) {
		} else if (lower == "u") u = true;
		else if (lower == "l") l = 1;
		else if (lower == "ll") l = 2;
		else if (lower == "ul" || lower == "lu") { u = true; l = 1; }
		else if (lower == "ull" || lower == "llu") { u = true; l = 2; }
		else ok = false;
		if (ok && l == 2 && suffix.find("lL") != std::string::npos)
			ok = false;
		if (ok && l == 2 && suffix.find("Ll") != std::string::npos)
			ok = false;
		if (!ok) {
			error(t.loc, fmt::format("invalid suffix '{}' on integer constant", suffix), t.length);
			return m_sema.int_lit(0, m_types.int_type(), t.loc);
		}
	}
	if (overflow) {
		error(t.loc, "integer literal is too large to be represented in any integer type", t.length);
		return m_sema.int_lit(0, m_types.int_type(), t.loc);
	}
	uint64_t val = static_cast<uint64_t>(v);
	bool dec = base == 10;
	TypeKind k;
	TypeKind lk = l == 2 ? TypeKind::LongLong : TypeKind::Long;
	TypeKind ulk = l == 2 ? TypeKind::ULongLong : TypeKind::ULong;
	if (u) {
		k = (l == 0 && val <= UINT32_MAX) ? TypeKind::UInt : ulk;
	} else if (l == 0) {
		if (val <= INT32_MAX)
			k = TypeKind::Int;
		else if (!dec && val <= UINT32_MAX)
			k = TypeKind::UInt;
		else if (val <= INT64_MAX)
			k = TypeKind::Long;
		else
			k = TypeKind::ULong;
	} else {
		k = val <= INT64_MAX ? lk : ulk;
	}
	if (dec && !u && val > INT64_MAX)
		warning(t.loc, "integer literal is too large to be represented in a signed integer type, interpreting as unsigned",
			t.length, "-Wimplicitly-unsigned-literal");
	Expr* e = m_sema.int_lit(static_cast<int64_t>(val), m_types.basic(k), t.loc);
	e->length = t.length;
	return e;
}

Expr* Parser::float_number(const Token& t, bool hex)
{
	std::string s = t.text;
	TypeKind k = TypeKind::Double;
	char last = s.back();
	if (!hex || s.find_first_of("pP") != std::string::npos) {
		if (last == 'f' || last == 'F') {
			k = TypeKind::Float;
			s.pop_back();
		} else if (last == 'l' || last == 'L') {
			k = TypeKind::LongDouble;
			s.pop_back();
		}
	}
	char* end = nullptr;
	double v = std::strtod(s.c_str(), &end);
	if (!end || *end != '\0') {
		error(t.loc, fmt::format("invalid floating constant '{}'", t.text), t.length);
		v = 0;
	}
	Expr* e = m_sema.float_lit(v, m_types.basic(k), t.loc);
	e->length = t.length;
	return e;
}

// Decodes one escape sequence at s[i] (just after the backslash); appends bytes.
void Parser::escape(const std::string& s, size_t& i, std::string& out, const Token& t)
{
	char c = s[i];
	switch (c) {
	case 'n': out += '\n'; i++; return;
	case 't': out += '\t'; i++; return;
	case 'r': out += '\r'; i++; return;
	case 'a': out += '\a'; i++; return;
	case 'b': out += '\b'; i++; return;
	case 'f': out += '\f'; i++; return;
	case 'v': out += '\v'; i++; return;
	case 'e': case 'E': out += '\x1b'; i++; return;
	case '\\': case '\'': case '"': case '?': out += c; i++; return;
	case 'x': {
		i++;
		unsigned v = 0;
		size_t n = 0;
		while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
			char h = s[i];
			v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
			if (v > 0xff)
				v = 0x100;
			i++;
			n++;
		}
		if (n == 0)
			error(t.loc, "\\x used with no following hex digits", t.length);
		else if (v > 0xff)
			error(t.loc, "hex escape sequence out of range", t.length);
		out += static_cast<char>(v & 0xff);
		return;
	}
	case 'u':
	case 'U': {
		size_t n = c == 'u' ? 4 : 8;
		i++;
		uint32_t cp = 0;
		for (size_t k = 0; k < n; k++, i++) {
			if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i]))) {
				error(t.loc, "incomplete universal character name", t.length);
				return;
			}
			char h = s[i];
			cp = cp * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
		}
		if (cp < 0x80) {
			out += static_cast<char>(cp);
		} else if (cp < 0x800) {
			out += static_cast<char>(0xc0 | (cp >> 6));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			out += static_cast<char>(0xe0 | (cp >> 12));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		} else {
			out += static_cast<char>(0xf0 | ((cp >> 18) & 0x07));
			out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
			out += static_cast<char>(0x80 | (cp & 0x3f));
		}
		return;
	}
	default:
		if (c >= '0' && c <= '7') {
			unsigned v = 0;
			for (int k = 0; k < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; k++, i++)
				v = v * 8 + static_cast<unsigned>(s[i] - '0');
			if (v > 0xff)
				error(t.loc, "octal escape sequence out of range", t.length);
			out += static_cast<char>(v & 0xff);
			return;
		}
		warning(t.loc, fmt::format("unknown escape sequence '\\{}'", c), t.length, "-Wunknown-escape-sequence");
		out += c;
		i++;
		return;
	}
}

// The bytes of a literal's body (between the quotes), escapes decoded.
std::string Parser::literal_bytes(const Token& t, char quote, bool& wide, std::vector<StrRun>* runs, uint32_t base)
{
	const std::string& s = t.text;
	size_t q = s.find(quote);
	wide = q > 0 && s.substr(0, q) != "u8";
	std::string out;
	size_t i = q + 1;
	size_t end = s.size() - 1;
	// A run starts at the token and after each escape: within a run, one decoded byte is
	// one source column.
	auto run_here = [&](bool starts_token) {
		if (runs)
			runs->push_back({base + static_cast<uint32_t>(out.size()),
					 SourceLoc{t.loc.file, t.loc.line, t.loc.col + static_cast<uint32_t>(i)}, starts_token});
	};
	run_here(true);
	while (i < end) {
		if (s[i] == '\\' && i + 1 < end) {
			i++;
			escape(s, i, out, t);
			run_here(false);
			continue;
		}
		out += s[i++];
	}
	return out;
}

Expr* Parser::char_literal(const Token& t)
{
	bool wide = false;
	std::string b = literal_bytes(t, '\'', wide);
	if (b.empty()) {
		error(t.loc, "empty character constant", t.length);
		return m_sema.int_lit(0, m_types.int_type(), t.loc);
	}
	int64_t v = 0;
	if (wide) {
		// Decode one UTF-8 sequence to its code point; wchar_t is int on Linux.
		unsigned char c0 = static_cast<unsigned char>(b[0]);
		if (c0 < 0x80 || b.size() == 1)
			v = c0;
		else if ((c0 & 0xe0) == 0xc0 && b.size() >= 2)
			v = ((c0 & 0x1f) << 6) | (b[1] & 0x3f);
		else if ((c0 & 0xf0) == 0xe0 && b.size() >= 3)
			v = ((c0 & 0x0f) << 12) | ((b[1] & 0x3f) << 6) | (b[2] & 0x3f);
		else if (b.size() >= 4)
			v = ((c0 & 0x07) << 18) | ((b[1] & 0x3f) << 12) | ((b[2] & 0x3f) << 6) | (b[3] & 0x3f);
	} else if (b.size() == 1) {
		v = static_cast<signed char>(b[0]);
	} else {
		warning(t.loc, "multi-character character constant", t.length, "-Wmultichar");
		uint32_t x = 0;
		for (char c : b)
			x = (x << 8) | static_cast<unsigned char>(c);
		v = static_cast<int32_t>(x);
	}
	Expr* e = m_sema.int_lit(v, m_types.int_type(), t.loc);
	e->length = t.length;
	return e;
}

Expr* Parser::string_literal()
{
	const Token first = tok();
	std::string bytes;
	std::vector<StrRun> runs;
	uint32_t len = first.length;
	while (at(Tok::String) && !stopped()) {
		bool wide = false;
		bytes += literal_bytes(tok(), '"', wide, &runs, static_cast<uint32_t>(bytes.size()));
		if (wide)
			error(tok().loc, "kctx does not support wide string literals yet", tok().length);
		if (tok().loc.line == first.loc.line && tok().loc.file == first.loc.file && tok().loc.col >= first.loc.col)
			len = tok().loc.col - first.loc.col + tok().length;
		advance();
	}
	bytes += '\0';
	Expr* e = m_sema.str_lit(std::move(bytes), first.loc, len);
	m_unit.str_runs[e] = std::move(runs);
	return e;
}

}  // namespace kctx::lang::parser
