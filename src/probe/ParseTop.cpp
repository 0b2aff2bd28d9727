#include "probe/ParserImpl.h"

#include <algorithm>

namespace kctx::probe {

ExprPtr make_expr(ExprKind kind, const Token& tok)
{
	auto e = std::make_unique<Expr>();
	e->kind = kind;
	e->tok = tok;
	return e;
}

StmtPtr make_stmt(StmtKind kind, const Token& tok)
{
	auto s = std::make_unique<Stmt>();
	s->kind = kind;
	s->tok = tok;
	return s;
}

namespace {

// Probe-point parameters are literals, so a copy needs no deep walk.
ProbePointComponent copy_component(const ProbePointComponent& c)
{
	ProbePointComponent copy{c.functor, std::nullopt};
	if (c.param && *c.param) {
		ExprPtr lit = make_expr((*c.param)->kind, (*c.param)->tok);
		lit->value = (*c.param)->value;
		lit->text = (*c.param)->text;
		copy.param = std::move(lit);
	}
	return copy;
}

}  // namespace

const Token& Parser::peek(size_t ahead) const
{
	if (m_failed)
		return m_eof;
	size_t i = std::min(m_pos + ahead, m_tokens.size() - 1);
	return m_tokens[i];
}

Token Parser::next()
{
	Token t = peek();
	if (!m_failed && t.kind != TokKind::Eof)
		++m_pos;
	return t;
}

bool Parser::accept_op(const char* op)
{
	if (!peek_op(op))
		return false;
	next();
	return true;
}

void Parser::expect_op(const char* op)
{
	if (!accept_op(op))
		fail(std::string("expected '") + op + "'", peek());
}

void Parser::fail(const std::string& message, const Token& at, Blame blame)
{
	if (m_failed)
		return;
	// An empty junk token is a substitution the preprocessor already reported; a
	// string the lexer could not close is reported as such, whatever was expected.
	if (at.kind == TokKind::Junk && at.text.starts_with("\"")) {
		Token junk = at;
		junk.text.clear();
		m_errors.push_back({"Could not find matching closing quote", junk, Blame::At});
	} else if (at.kind != TokKind::Junk || !at.text.empty())
		m_errors.push_back({message, at, blame});
	m_failed = true;
	m_eof = m_tokens.back();
}

// Skips to the next token that can start a declaration, past the one that failed.
void Parser::recover()
{
	m_failed = false;
	if (m_pos + 1 < m_tokens.size())
		++m_pos;
	for (; m_pos + 1 < m_tokens.size(); ++m_pos) {
		const Token& t = m_tokens[m_pos];
		if (t.is_keyword("probe") || t.is_keyword("global") || t.is_keyword("function") ||
		    t.is_keyword("private"))
			return;
	}
}

void Parser::parse_file(Script& script)
{
	while (peek().kind != TokKind::Eof) {
		const Token t = peek();
		if (t.is_keyword("probe")) {
			parse_probe(script);
		} else if (t.is_keyword("global")) {
			next();
			parse_global(script, false);
		} else if (t.is_keyword("private")) {
			next();
			if (peek_keyword("function")) {
				parse_function(script);
			} else {
				if (peek_keyword("global"))
					next();
				parse_global(script, true);
			}
		} else if (t.is_keyword("function")) {
			parse_function(script);
		} else if (t.kind == TokKind::Embedded) {
			fail("embedded code in unprivileged script; need stap -g", t);
		} else {
			fail("expected 'probe', 'global', 'private', 'function', or '%{'", t);
		}
		if (m_failed)
			recover();
	}
}

bool Parser::declare_global(const Token& name, bool is_private)
{
	for (const auto& [known, was_private] : m_global_names) {
		if (known != name.text)
			continue;
		fail(was_private == is_private ? "duplicate global name"
					       : "global versus private variable declaration conflict",
		     name);
		return false;
	}
	m_global_names.emplace_back(name.text, is_private);
	return true;
}

void Parser::parse_global(Script& script, bool is_private)
{
	do {
		Token name = next();
		if (name.kind != TokKind::Identifier) {
			fail("expected identifier", name);
			return;
		}
		if (!declare_global(name, is_private))
			return;
		Global g;
		g.name = name.text;
		g.tok = name;
		g.is_private = is_private;
		g.wrap = accept_op("%");
		if (accept_op("[")) {
			g.is_array = true;
			Token size = next();
			ExprPtr n = size.kind == TokKind::Number ? parse_number(size) : nullptr;
			if (!n) {
				fail("expected literal number", size);
				return;
			}
			expect_op("]");
			// stap checks the size once past the `]`, and blames what follows.
			if (n->value <= 0 && !m_failed) {
				fail("array size out of range", peek());
				return;
			}
			g.max_entries = n->value;
			g.wrap = accept_op("%") || g.wrap;
		}
		if (peek_op("=")) {
			if (g.is_array || g.wrap) {
				fail("only scalar globals can be initialized", peek());
				return;
			}
			next();
			g.init = parse_literal();
		}
		script.globals.push_back(std::move(g));
	} while (!m_failed && accept_op(","));
	accept_op(";");
}

// A number (optionally negated) or glued strings: what initializers and probe-point
// parameters accept.
ExprPtr Parser::parse_literal()
{
	if (peek().kind == TokKind::String)
		return parse_string_literal();
	Token t = next();
	if (t.is_op("-") && peek().kind == TokKind::Number)
		return parse_number(next(), true);
	if (t.kind == TokKind::Number)
		return parse_number(t);
	fail("expected literal string or number", t);
	return nullptr;
}

void Parser::parse_function(Script& script)
{
	Token kw = next();
	Function fn;
	fn.tok = kw;
	Token name = next();
	if (name.kind != TokKind::Identifier)
		return fail("expected identifier", name);
	fn.name = name.text;
	auto parse_type = [&](std::string& type) {
		if (!accept_op(":"))
			return;
		Token t = next();
		if (!t.is_keyword("string") && !t.is_keyword("long"))
			return fail("expected 'string' or 'long'", t);
		type = t.text;
	};
	parse_type(fn.type);
	expect_op("(");
	while (!m_failed && !peek_op(")")) {
		Token p = next();
		if (p.kind != TokKind::Identifier)
			return fail("expected identifier", p);
		bool duplicate = std::any_of(fn.params.begin(), fn.params.end(),
					     [&](const Param& known) { return known.name == p.text; });
		if (duplicate)
			return fail("duplicate parameter names", p);
		fn.params.push_back({p.text, ""});
		parse_type(fn.params.back().type);
		if (!peek_op(")") && !accept_op(","))
			return fail("expected ',' or ')'", peek());
	}
	expect_op(")");
	if (accept_op(":")) {
		// Any literal is read; one that is not a number is blamed on what follows it.
		ExprPtr prio = parse_literal();
		if (prio && prio->kind != ExprKind::Number)
			return fail("expected literal number", peek());
		fn.priority = prio ? prio->value : 0;
	}
	if (peek().kind == TokKind::Embedded)
		return fail("embedded code in unprivileged script; need stap -g", peek());
	m_in_function = true;
	fn.body = parse_block();
	m_in_function = false;
	if (!m_failed)
		script.functions.push_back(std::move(fn));
}

void Parser::parse_probe(Script& script)
{
	Probe probe;
	probe.tok = next();
	probe.points = parse_probe_points();
	if (!m_failed && (peek_op("=") || peek_op("+="))) {
		for (const ProbePoint& pp : probe.points) {
			if (pp.optional || pp.sufficient || pp.condition)
				return fail("probe point alias name cannot be optional nor sufficient", pp.tok, Blame::At);
		}
		probe.alias = next().text == "=" ? AliasKind::Prologue : AliasKind::Epilogue;
		probe.alias_names = std::move(probe.points);
		probe.points = parse_probe_points();
	}
	if (!m_failed && !peek_op("{"))
		return fail("expected one of ', { } = +='", peek());
	probe.body = parse_block();
	if (!m_failed)
		script.probes.push_back(std::move(probe));
}

std::vector<ProbePoint> Parser::parse_probe_points()
{
	std::vector<ProbePoint> points;
	do {
		Token start = peek();
		auto expansions = parse_point_sequence(false);
		bool optional = false;
		bool sufficient = false;
		if (accept_op("?")) {
			optional = true;
		} else if (accept_op("!")) {
			optional = sufficient = true;
		}
		ExprPtr condition;
		if (peek_keyword("if")) {
			next();
			expect_op("(");
			condition = parse_expression();
			expect_op(")");
		}
		for (auto& components : expansions) {
			ProbePoint pp;
			pp.components = std::move(components);
			pp.optional = optional;
			pp.sufficient = sufficient;
			pp.tok = start;
			// Each expansion of `{a,b}` shares the one written condition.
			if (condition) {
				pp.condition = make_expr(condition->kind, condition->tok);
				*pp.condition = std::move(*condition);
				condition = nullptr;
			}
			points.push_back(std::move(pp));
		}
		if (!m_failed && !peek_op(",") && !peek_op("{") && !peek_op("=") && !peek_op("+="))
			fail("expected one of ', { } = +='", peek());
	} while (!m_failed && accept_op(","));
	return points;
}

// Dotted components with `{x,y}` alternatives; returns every expansion.
std::vector<std::vector<ProbePointComponent>> Parser::parse_point_sequence(bool in_braces)
{
	std::vector<std::vector<ProbePointComponent>> result(1);
	do {
		Token start = peek();
		std::vector<std::vector<ProbePointComponent>> alternatives;
		if (accept_op("{")) {
			do {
				auto alt = parse_point_sequence(true);
				for (auto& a : alt)
					alternatives.push_back(std::move(a));
			} while (!m_failed && accept_op(","));
			expect_op("}");
		} else {
			alternatives.emplace_back();
			alternatives.back().push_back(parse_point_component());
		}
		if (in_braces && (peek_op("?") || peek_op("!") || peek_keyword("if")))
			fail("'?', '!' or condition must only be specified in suffix", start, Blame::At);
		if (m_failed)
			return {};
		std::vector<std::vector<ProbePointComponent>> product;
		for (const auto& prefix : result) {
			for (const auto& alt : alternatives) {
				std::vector<ProbePointComponent> joined;
				for (const auto& c : prefix)
					joined.push_back(copy_component(c));
				for (const auto& c : alt)
					joined.push_back(copy_component(c));
				product.push_back(std::move(joined));
			}
		}
		result = std::move(product);
	} while (!m_failed && accept_op("."));
	return result;
}

ProbePointComponent Parser::parse_point_component()
{
	ProbePointComponent c;
	c.functor = parse_component_name();
	if (!m_failed && accept_op("(")) {
		c.param = parse_literal();
		expect_op(")");
	}
	return c;
}

// A name glued from touching tokens, so that `a*b` and `**` are one component but
// `a * b` is not.
std::string Parser::parse_component_name()
{
	auto name_part = [](const Token& t) {
		return t.kind == TokKind::Identifier || t.kind == TokKind::Keyword || t.is_op("*") ||
		       t.kind == TokKind::Number;
	};
	Token first = next();
	if (!name_part(first) || first.kind == TokKind::Number) {
		fail("expected identifier or '*' or '{'", first);
		return {};
	}
	std::string name = first.text;
	Token prev = first;
	while (!m_failed && prev.touches(peek()) && name_part(peek())) {
		prev = next();
		name += prev.text;
	}
	return name;
}

Script parse(const Tokens& tokens, const std::string& file_name, ScriptErrors& errors)
{
	Script script;
	script.file_name = file_name;
	Parser(tokens, errors).parse_file(script);
	return script;
}

}  // namespace kctx::probe
