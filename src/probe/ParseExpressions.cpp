#include "probe/ParserImpl.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace kctx::probe {

namespace {

// Binary operators by precedence, lowest first. The array-membership level (`in`)
// and the comparisons sit between `&` and the shifts; they are parsed by hand.
constexpr int kArrayInLevel = 5;
constexpr int kUnaryLevel = 10;
const std::array<std::initializer_list<const char*>, kUnaryLevel> kLevels = {{
	{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {}, {"<<", ">>"}, {"."}, {"+", "-"}, {"*", "/", "%"},
}};

bool is_one_of(const Token& t, std::initializer_list<const char*> ops)
{
	for (const char* op : ops)
		if (t.is_op(op))
			return true;
	return false;
}

bool is_assignment(const Token& t)
{
	return is_one_of(t, {"=", "<<<", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", ".="});
}

bool is_print_family(const std::string& name)
{
	for (const char* p : {"print", "println", "sprint", "sprintln", "printf", "sprintf", "printd", "printdln",
			      "sprintd", "sprintdln"})
		if (name == p)
			return true;
	return false;
}

// One `%...` conversion of a print format, as stap 4.8 accepts it: flags, width,
// precision, an optional `l`, and one of its conversion letters.
bool valid_conversion(const std::string& f, size_t& i)
{
	while (i < f.size() && std::strchr("-+ #0", f[i]))
		++i;
	if (i < f.size() && f[i] == '*')
		++i;
	while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
		++i;
	if (i < f.size() && f[i] == '.') {
		++i;
		if (i < f.size() && f[i] == '*')
			++i;
		while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
			++i;
	}
	if (i < f.size() && f[i] == 'l')
		++i;
	return i < f.size() && std::strchr("bcdimMopsuxX", f[i]) != nullptr;
}

}  // namespace

ExprPtr Parser::parse_expression()
{
	ExprPtr lhs = parse_ternary();
	if (m_failed || !is_assignment(peek()))
		return lhs;
	Token op = next();
	ExprPtr e = make_expr(ExprKind::Assign, op);
	e->op = op.text;
	e->operands.push_back(std::move(lhs));
	e->operands.push_back(parse_expression());
	return e;
}

ExprPtr Parser::parse_ternary()
{
	ExprPtr cond = parse_binary_level(0);
	if (m_failed || !peek_op("?"))
		return cond;
	ExprPtr e = make_expr(ExprKind::Ternary, next());
	e->operands.push_back(std::move(cond));
	e->operands.push_back(parse_expression());
	expect_op(":");
	e->operands.push_back(parse_expression());
	return e;
}

ExprPtr Parser::parse_binary_level(int level)
{
	if (level == kArrayInLevel)
		return parse_array_in();
	if (level == kUnaryLevel)
		return parse_unary();
	ExprPtr lhs = parse_binary_level(level + 1);
	while (!m_failed && is_one_of(peek(), kLevels[level])) {
		Token op = next();
		ExprPtr e = make_expr(ExprKind::Binary, op);
		e->op = op.text;
		e->operands.push_back(std::move(lhs));
		e->operands.push_back(parse_binary_level(level + 1));
		lhs = std::move(e);
	}
	return lhs;
}

// `[i, j] in a`, or `x in a`; operands[0] is the array, then the indexes.
ExprPtr Parser::parse_array_in()
{
	if (peek_op("[")) {
		Token open = next();
		ExprPtr e = make_expr(ExprKind::ArrayIn, open);
		ExprPtr list = parse_index_list(nullptr, "]");
		if (!m_failed && !peek_keyword("in"))
			fail("expected 'in'", peek());
		next();
		e->operands.push_back(parse_indexable());
		for (size_t i = 1; list && i < list->operands.size(); ++i)
			e->operands.push_back(std::move(list->operands[i]));
		return e;
	}
	ExprPtr lhs = parse_comparison();
	if (m_failed || !peek_keyword("in"))
		return lhs;
	ExprPtr e = make_expr(ExprKind::ArrayIn, next());
	e->operands.push_back(parse_indexable());
	e->operands.push_back(std::move(lhs));
	return e;
}

ExprPtr Parser::parse_comparison()
{
	ExprPtr lhs = parse_binary_level(kArrayInLevel + 1);
	while (!m_failed && is_one_of(peek(), {"<", ">", "<=", ">=", "==", "!=", "=~", "!~"})) {
		Token op = next();
		bool regex = op.text == "=~" || op.text == "!~";
		ExprPtr e = make_expr(regex ? ExprKind::Regex : ExprKind::Binary, op);
		e->op = op.text;
		e->operands.push_back(std::move(lhs));
		if (regex) {
			if (peek().kind != TokKind::String) {
				fail("expected literal string", peek());
				return e;
			}
			e->text = parse_string_literal()->text;
		} else {
			e->operands.push_back(parse_binary_level(kArrayInLevel + 1));
		}
		lhs = std::move(e);
	}
	return lhs;
}

ExprPtr Parser::parse_unary()
{
	const Token t = peek();
	if (is_one_of(t, {"+", "-", "!", "~", "++", "--"})) {
		next();
		bool crement = t.text == "++" || t.text == "--";
		ExprPtr e = make_expr(crement ? ExprKind::PreCrement : ExprKind::Unary, t);
		e->op = t.text;
		// `++a++` is not an expression: a pre-increment applies to a plain value.
		e->operands.push_back(crement ? parse_value() : parse_unary());
		return e;
	}
	if (t.is_op("&")) {
		// `&$a->b` marks the target expression; `&x` of anything else is an autocast.
		next();
		ExprPtr operand = parse_unary();
		if (m_failed)
			return operand;
		if (operand->kind == ExprKind::Target && operand->base != TargetBase::Autocast) {
			operand->address_of = true;
			return operand;
		}
		ExprPtr e = make_expr(ExprKind::Target, t);
		e->base = TargetBase::Autocast;
		e->address_of = true;
		e->operands.push_back(std::move(operand));
		return e;
	}
	return parse_crement();
}

ExprPtr Parser::parse_crement()
{
	ExprPtr value = parse_value();
	if (m_failed || !(peek_op("++") || peek_op("--")))
		return value;
	Token op = next();
	ExprPtr e = make_expr(ExprKind::PostCrement, op);
	e->op = op.text;
	e->operands.push_back(std::move(value));
	return e;
}

ExprPtr Parser::parse_value()
{
	const Token t = peek();
	if (t.is_op("(")) {
		next();
		ExprPtr inner = parse_expression();
		expect_op(")");
		return parse_postfix(std::move(inner));
	}
	// Autocast (`->`, `[]`) applies to any value, literals included.
	if (t.kind == TokKind::Number)
		return parse_postfix(parse_number(next()));
	if (t.kind == TokKind::String)
		return parse_postfix(parse_string_literal());
	if (t.kind == TokKind::Identifier)
		return t.text[0] == '$' ? parse_target_symbol() : parse_identifier_value();
	if (t.kind == TokKind::Operator && t.text[0] == '@' && t.text.size() > 1)
		return parse_at_operator();
	fail("expected literal string or number", t);
	return nullptr;
}

// `->field` or `[index]` after a value that is not itself a target expression.
ExprPtr Parser::parse_postfix(ExprPtr operand)
{
	if (m_failed || !(peek_op("->") || peek_op("[")))
		return operand;
	ExprPtr e = make_expr(ExprKind::Target, peek());
	e->base = TargetBase::Autocast;
	e->operands.push_back(std::move(operand));
	parse_components(*e);
	return e;
}

// The `->field` and `[index]` steps of a target expression, and the pretty suffix that
// ends one (stap's parse_target_symbol_components): `->member$`, `->$`, or `$`/`$$` as a
// token of its own after `]` or `@cast(...)`; nothing may follow it.
void Parser::parse_components(Expr& e)
{
	auto dollars = [](const std::string& s) {
		return !s.empty() && s.size() <= 2 && s.find_first_not_of('$') == std::string::npos;
	};
	bool pretty = !e.components.empty() && e.components.back().kind == Component::Kind::Pretty;
	while (!m_failed && !pretty) {
		if (accept_op("->")) {
			Token field = next();
			if (field.kind != TokKind::Identifier && field.kind != TokKind::Keyword)
				return fail("expected identifier or keyword", field);
			// The lexer keeps a member's trailing dollars in its identifier.
			std::string name = field.text;
			size_t end = dollars(name) ? 0 : name.size();
			while (end > 1 && name[end - 1] == '$' && name.size() - end < 2)
				--end;
			if (end > 0)
				e.components.push_back({Component::Kind::Field, name.substr(0, end), nullptr});
			if (end < name.size()) {
				e.components.push_back({Component::Kind::Pretty, name.substr(end), nullptr});
				pretty = true;
			}
		} else if (accept_op("[")) {
			ExprPtr index = parse_expression();
			expect_op("]");
			e.components.push_back({Component::Kind::Index, "", std::move(index)});
		} else {
			break;
		}
	}
	if (!m_failed && !pretty && peek().kind == TokKind::Identifier && dollars(peek().text)) {
		e.components.push_back({Component::Kind::Pretty, next().text, nullptr});
		pretty = true;
	}
	if (!m_failed && pretty && (peek_op("->") || peek_op("[")))
		fail("-> and [ are not accepted for a pretty-printing variable", peek());
}

ExprPtr Parser::parse_identifier_value()
{
	Token name = next();
	if (peek_op("("))
		return is_print_family(name.text) ? parse_print(name) : parse_call(name);
	ExprPtr sym = make_expr(ExprKind::Symbol, name);
	sym->name = name.text;
	if (accept_op("["))
		sym = parse_index_list(std::move(sym), "]");
	return parse_postfix(std::move(sym));
}

// `$var`, `$$parms`, with a trailing `$`/`$$` meaning the pretty-printed value.
ExprPtr Parser::parse_target_symbol()
{
	Token t = next();
	ExprPtr e = make_expr(ExprKind::Target, t);
	e->base = TargetBase::Dollar;
	std::string name = t.text;
	size_t prefix = name.starts_with("$$") ? 2 : 1;
	size_t end = name.size();
	while (end > prefix + 1 && name[end - 1] == '$' && name.size() - end < 2)
		--end;
	e->name = name.substr(0, end);
	if (end < name.size())
		e->components.push_back({Component::Kind::Pretty, name.substr(end), nullptr});
	parse_components(*e);
	return e;
}

// Array indexes up to `close`, `*` meaning any (a slice); the caller ate the `[`.
ExprPtr Parser::parse_index_list(ExprPtr base, const char* close)
{
	ExprPtr e = make_expr(ExprKind::ArrayIndex, base ? base->tok : peek());
	e->operands.push_back(std::move(base));
	do {
		if (peek_op("*") && (peek(1).is_op(",") || peek(1).is_op(close))) {
			next();
			e->operands.push_back(nullptr);
		} else {
			e->operands.push_back(parse_expression());
		}
		if (!m_failed && !peek_op(",") && !peek_op(close))
			fail(std::string("expected one of '") + close + " ,'", peek());
	} while (!m_failed && accept_op(","));
	expect_op(close);
	return e;
}

ExprPtr Parser::parse_indexable()
{
	const Token t = peek();
	if (t.kind == TokKind::Operator && t.text.starts_with("@hist_"))
		return parse_at_operator();
	if (t.kind != TokKind::Identifier || t.text[0] == '$') {
		fail("expected identifier or statistical operation", t);
		return nullptr;
	}
	next();
	ExprPtr sym = make_expr(ExprKind::Symbol, t);
	sym->name = t.text;
	if (accept_op("["))
		return parse_index_list(std::move(sym), "]");
	return sym;
}

ExprPtr Parser::parse_call(const Token& name)
{
	ExprPtr e = make_expr(ExprKind::Call, name);
	e->name = name.text;
	expect_op("(");
	while (!m_failed && !peek_op(")")) {
		e->operands.push_back(parse_expression());
		if (!peek_op(")") && !accept_op(","))
			fail("expected one of ') ,'", peek());  // sic: the print family says ', )'
	}
	expect_op(")");
	return parse_postfix(std::move(e));
}

ExprPtr Parser::parse_print(const Token& name)
{
	ExprPtr e = make_expr(ExprKind::Print, name);
	e->name = name.text;
	expect_op("(");
	const bool format = name.text.ends_with("printf");
	const bool delimited = name.text.ends_with("printd") || name.text.ends_with("printdln");
	if (format || delimited) {
		if (peek().kind != TokKind::String) {
			fail("expected literal string", peek());
			return e;
		}
		e->text = parse_string_literal()->text;
		e->has_text = true;
		if (format)
			check_format(e->text, peek());
		if (delimited)
			expect_op(",");
	}
	bool needs_value = delimited || name.text == "print" || name.text == "sprint";
	if (format && !peek_op(")"))
		expect_op(",");
	if (needs_value || !peek_op(")")) {
		do {
			e->operands.push_back(parse_expression());
		} while (!m_failed && accept_op(","));
	}
	if (!m_failed && !peek_op(")"))
		fail("expected one of ', )'", peek());
	expect_op(")");
	// Joining needs at least two values; stap finds out past the `)`.
	if (delimited && e->operands.size() < 2)
		fail("expected literal string or number", peek());
	return e;
}

void Parser::check_format(const std::string& format, const Token& after)
{
	for (size_t i = 0; i < format.size(); ++i) {
		if (format[i] != '%')
			continue;
		++i;
		if (i < format.size() && format[i] == '%')
			continue;
		if (!valid_conversion(format, i))
			return fail("invalid or missing conversion specifier", after);
	}
}

ExprPtr Parser::parse_string_literal()
{
	Token t = next();
	ExprPtr e = make_expr(ExprKind::String, t);
	e->text = t.text;
	// Adjacent literals are one string, even across comments and lines.
	while (peek().kind == TokKind::String)
		e->text += next().text;
	return e;
}

ExprPtr Parser::parse_number(const Token& tok, bool negate)
{
	errno = 0;
	char* end = nullptr;
	unsigned long long v = std::strtoull(tok.text.c_str(), &end, 0);
	if (errno != 0 || !end || *end != '\0' || tok.text.empty()) {
		fail("number invalid or out of range", tok);
		return nullptr;
	}
	ExprPtr e = make_expr(ExprKind::Number, tok);
	// Literals above 2^63 wrap, as stap's do.
	e->value = static_cast<int64_t>(negate ? 0 - v : v);
	return e;
}

}  // namespace kctx::probe
