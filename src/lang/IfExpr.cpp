#include "lang/IfExpr.h"

#include <cctype>
#include <fmt/format.h>

#include "lang/Limits.h"
#include "lang/Precedence.h"

namespace kctx::lang {

namespace {

// The value of a character literal's spelling ('a', '\n', '\x41'), as a signed char.
int char_value(const std::string& spelling)
{
	size_t q = spelling.find('\'');
	if (q == std::string::npos || q + 1 >= spelling.size())
		return 0;
	size_t i = q + 1;
	char c = spelling[i];
	if (c != '\\')
		return static_cast<signed char>(c);
	if (i + 1 >= spelling.size())
		return 0;
	char e = spelling[i + 1];
	switch (e) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
		int v = 0;
		for (size_t k = i + 1; k < spelling.size() && k < i + 4 && spelling[k] >= '0' && spelling[k] <= '7'; k++)
			v = v * 8 + (spelling[k] - '0');
		return static_cast<signed char>(v);
	}
	case 'x': {
		int v = 0;
		for (size_t k = i + 2; k < spelling.size() && isxdigit(static_cast<unsigned char>(spelling[k])); k++)
			v = (v * 16 + (isdigit(static_cast<unsigned char>(spelling[k])) ? spelling[k] - '0' : (tolower(spelling[k]) - 'a' + 10))) & 0xff;
		return static_cast<signed char>(v);
	}
	case 'a': return 7;
	case 'b': return 8;
	case 'f': return 12;
	case 'v': return 11;
	case 'e': return 27;
	default: return e;
	}
}

}  // namespace

std::optional<IfValue> IfExprParser::fail(const std::string& msg)
{
	if (!failed) {
		SourceLoc loc = cur() ? cur()->loc : (toks.empty() ? last_loc : toks.back().loc);
		error(loc, msg);
	}
	failed = true;
	return std::nullopt;
}

std::optional<IfValue> IfExprParser::parse_cond()
{
	if (++depth > kMaxNesting) {
		return fail("#if expression nesting too deep");
	}
	auto c = parse_binary(0);
	if (c && accept(Tok::Question)) {
		auto a = parse_cond();
		if (!a)
			return a;
		if (!accept(Tok::Colon))
			return fail("expected ':' in #if expression");
		auto b = parse_cond();
		if (!b)
			return b;
		IfValue r = c->v ? *a : *b;
		r.is_unsigned = a->is_unsigned || b->is_unsigned;
		depth--;
		return r;
	}
	depth--;
	return c;
}

std::optional<IfValue> IfExprParser::parse_binary(int min_prec)
{
	auto lhs = parse_unary();
	if (!lhs)
		return lhs;
	while (const Token* t = cur()) {
		int p = binary_precedence(t->kind);
		if (p < 0 || p < min_prec)
			break;
		Tok op = t->kind;
		pos++;
		auto rhs = parse_binary(p + 1);
		if (!rhs)
			return rhs;
		auto r = apply(op, *lhs, *rhs);
		if (!r)
			return r;
		lhs = r;
	}
	return lhs;
}

std::optional<IfValue> IfExprParser::apply(Tok op, IfValue a, IfValue b)
{
	bool u = a.is_unsigned || b.is_unsigned;
	int64_t sa = static_cast<int64_t>(a.v), sb = static_cast<int64_t>(b.v);
	IfValue r{0, u};
	switch (op) {
	case Tok::PipePipe: return IfValue{(a.v || b.v) ? 1u : 0u, false};
	case Tok::AmpAmp: return IfValue{(a.v && b.v) ? 1u : 0u, false};
	case Tok::Pipe: r.v = a.v | b.v; return r;
	case Tok::Caret: r.v = a.v ^ b.v; return r;
	case Tok::Amp: r.v = a.v & b.v; return r;
	case Tok::EqEq: return IfValue{a.v == b.v ? 1u : 0u, false};
	case Tok::Ne: return IfValue{a.v != b.v ? 1u : 0u, false};
	case Tok::Lt: return IfValue{(u ? a.v < b.v : sa < sb) ? 1u : 0u, false};
	case Tok::Gt: return IfValue{(u ? a.v > b.v : sa > sb) ? 1u : 0u, false};
	case Tok::Le: return IfValue{(u ? a.v <= b.v : sa <= sb) ? 1u : 0u, false};
	case Tok::Ge: return IfValue{(u ? a.v >= b.v : sa >= sb) ? 1u : 0u, false};
	case Tok::Shl: r.is_unsigned = a.is_unsigned; r.v = b.v >= 64 ? 0 : a.v << b.v; return r;
	case Tok::Shr:
		r.is_unsigned = a.is_unsigned;
		if (b.v >= 64)
			r.v = a.is_unsigned || sa >= 0 ? 0 : ~0ull;
		else
			r.v = a.is_unsigned ? a.v >> b.v : static_cast<uint64_t>(sa >> b.v);
		return r;
	case Tok::Plus: r.v = a.v + b.v; return r;
	case Tok::Minus: r.v = a.v - b.v; return r;
	case Tok::Star: r.v = a.v * b.v; return r;
	case Tok::Slash:
	case Tok::Percent:
		if (b.v == 0)
			return fail("division by zero in preprocessor expression");
		if (u)
			r.v = op == Tok::Slash ? a.v / b.v : a.v % b.v;
		else if (sb == -1)
			r.v = op == Tok::Slash ? 0 - a.v : 0;
		else
			r.v = static_cast<uint64_t>(op == Tok::Slash ? sa / sb : sa % sb);
		return r;
	default: return fail("invalid operator in #if expression");
	}
}

std::optional<IfValue> IfExprParser::parse_unary()
{
	const Token* t = cur();
	if (!t)
		return fail("expected value in #if expression");
	if (depth > kMaxNesting)
		return fail("#if expression nesting too deep");
	switch (t->kind) {
	case Tok::Plus: {
		pos++;
		depth++;
		auto v = parse_unary();
		depth--;
		return v;
	}
	case Tok::Minus: {
		pos++;
		depth++;
		auto v = parse_unary();
		depth--;
		if (v)
			v->v = 0 - v->v;
		return v;
	}
	case Tok::Tilde: {
		pos++;
		depth++;
		auto v = parse_unary();
		depth--;
		if (v)
			v->v = ~v->v;
		return v;
	}
	case Tok::Bang: {
		pos++;
		depth++;
		auto v = parse_unary();
		depth--;
		if (v)
			*v = IfValue{v->v == 0 ? 1u : 0u, false};
		return v;
	}
	case Tok::LParen: {
		pos++;
		auto v = parse_cond();
		if (!v)
			return v;
		if (!accept(Tok::RParen))
			return fail("expected ')' in #if expression");
		return v;
	}
	case Tok::Number: {
		pos++;
		return parse_number(*t);
	}
	case Tok::Char: {
		pos++;
		return IfValue{static_cast<uint64_t>(static_cast<int64_t>(char_value(t->text))), false};
	}
	default:
		return fail(fmt::format("invalid token '{}' in #if expression", t->text));
	}
}

std::optional<IfValue> IfExprParser::parse_number(const Token& t)
{
	const std::string& s = t.text;
	size_t i = 0;
	int base = 10;
	if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		i = 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	uint64_t v = 0;
	size_t digits = 0;
	for (; i < s.size(); i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
		if (d >= base)
			break;
		v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
		digits++;
	}
	bool is_unsigned = false;
	for (; i < s.size(); i++) {
		char c = s[i];
		if (c == 'u' || c == 'U')
			is_unsigned = true;
		else if (c != 'l' && c != 'L')
			return fail(fmt::format("invalid integer constant '{}' in #if expression", s));
	}
	if (digits == 0 && base != 8)
		return fail(fmt::format("invalid integer constant '{}' in #if expression", s));
	return IfValue{v, is_unsigned};
}

}  // namespace kctx::lang
