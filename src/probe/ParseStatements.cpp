#include "probe/ParserImpl.h"

namespace kctx::probe {

StmtPtr Parser::parse_block()
{
	StmtPtr block = make_stmt(StmtKind::Block, peek());
	expect_op("{");
	while (!m_failed && !peek_op("}")) {
		if (peek().kind == TokKind::Eof)
			fail("expected statement", peek());
		else
			block->body.push_back(parse_statement());
	}
	expect_op("}");
	return block;
}

StmtPtr Parser::parse_statement()
{
	const Token t = peek();
	if (t.is_op(";")) {
		next();
		return make_stmt(StmtKind::Null, t);
	}
	if (t.is_op("{"))
		return parse_block();
	if (t.kind == TokKind::Embedded) {
		fail("embedded code in unprivileged script; need stap -g", t);
		return nullptr;
	}
	if (t.is_keyword("if"))
		return parse_if();
	if (t.is_keyword("for"))
		return parse_for();
	if (t.is_keyword("while"))
		return parse_while();
	if (t.is_keyword("foreach"))
		return parse_foreach();
	if (t.is_keyword("try"))
		return parse_try();
	if (t.is_keyword("return"))
		return parse_simple(StmtKind::Return);
	if (t.is_keyword("delete"))
		return parse_simple(StmtKind::Delete);
	if (t.is_keyword("next"))
		return parse_simple(StmtKind::Next);
	if (t.is_keyword("break"))
		return parse_simple(StmtKind::Break);
	if (t.is_keyword("continue"))
		return parse_simple(StmtKind::Continue);
	if (t.kind == TokKind::Keyword) {
		fail("expected statement", t);
		return nullptr;
	}
	return parse_simple(StmtKind::Expr);
}

// Expression statements and the one-word statements; each may end in one `;`.
StmtPtr Parser::parse_simple(StmtKind kind)
{
	const Token t = peek();
	StmtPtr s = make_stmt(kind, t);
	if (kind != StmtKind::Expr)
		next();
	if (kind == StmtKind::Return && !m_in_function) {
		fail("found 'return' not in function context", t);
		return s;
	}
	bool has_value = kind == StmtKind::Expr || kind == StmtKind::Delete ||
			 (kind == StmtKind::Return && !peek_op(";") && !peek_op("}"));
	if (has_value)
		s->expr = parse_expression();
	accept_op(";");
	return s;
}

StmtPtr Parser::parse_if()
{
	StmtPtr s = make_stmt(StmtKind::If, next());
	expect_op("(");
	s->expr = parse_expression();
	expect_op(")");
	s->body.push_back(parse_statement());
	if (peek_keyword("else")) {
		next();
		s->body.push_back(parse_statement());
	}
	return s;
}

StmtPtr Parser::parse_for()
{
	StmtPtr s = make_stmt(StmtKind::For, next());
	expect_op("(");
	if (!peek_op(";"))
		s->init = parse_expression();
	expect_op(";");
	if (!peek_op(";"))
		s->expr = parse_expression();
	expect_op(";");
	if (!peek_op(")"))
		s->step = parse_expression();
	expect_op(")");
	s->body.push_back(parse_statement());
	return s;
}

StmtPtr Parser::parse_while()
{
	StmtPtr s = make_stmt(StmtKind::For, next());
	expect_op("(");
	s->expr = parse_expression();
	expect_op(")");
	s->body.push_back(parse_statement());
	return s;
}

void Parser::parse_foreach_sort(Stmt& s, const Token& at, int sort)
{
	bool already = s.value_sort != 0;
	for (const ForeachIndex& i : s.indexes)
		already = already || i.sort != 0;
	if (already)
		fail("multiple sort directives", at);
}

void Parser::parse_foreach_indexes(Stmt& s)
{
	bool bracketed = accept_op("[");
	do {
		Token name = next();
		if (name.kind != TokKind::Identifier)
			return fail("expected identifier", name);
		int sort = peek_op("+") ? 1 : (peek_op("-") ? -1 : 0);
		if (sort) {
			parse_foreach_sort(s, peek(), sort);
			next();
		}
		s.indexes.push_back({name.text, sort});
		if (!bracketed)
			return;
		if (!peek_op(",") && !peek_op("]"))
			return fail("expected ',' or ']'", peek());
	} while (!m_failed && accept_op(","));
	expect_op("]");
}

StmtPtr Parser::parse_foreach()
{
	StmtPtr s = make_stmt(StmtKind::Foreach, next());
	expect_op("(");
	if (peek().kind == TokKind::Identifier && peek(1).is_op("=")) {
		s->value_var = next().text;
		next();
	}
	parse_foreach_indexes(*s);
	if (!m_failed && !peek_keyword("in"))
		fail("expected 'in'", peek());
	next();
	s->array = parse_indexable();
	if (!m_failed && peek().kind == TokKind::Operator && peek().text[0] == '@') {
		Token op = next();
		static const char* const kStats[] = {"@count", "@sum", "@min", "@max", "@avg", "@variance"};
		bool known = false;
		for (const char* stat : kStats)
			known = known || op.text == stat;
		if (!known)
			fail("expected statistical operation", op);
		else if (!peek_op("+") && !peek_op("-"))
			fail("expected sort directive", peek());
		s->sort_stat = op.text.substr(1);
	}
	if (peek_op("+") || peek_op("-")) {
		parse_foreach_sort(*s, peek(), 0);
		s->value_sort = next().text == "+" ? 1 : -1;
	}
	if (peek_keyword("limit")) {
		next();
		s->limit = parse_expression();
	}
	expect_op(")");
	s->body.push_back(parse_statement());
	return s;
}

StmtPtr Parser::parse_try()
{
	StmtPtr s = make_stmt(StmtKind::Try, next());
	s->body.push_back(parse_block());
	if (!m_failed && !peek_keyword("catch"))
		fail("expected 'catch'", peek());
	next();
	if (accept_op("(")) {
		Token var = next();
		if (var.kind != TokKind::Identifier)
			fail("expected identifier", var);
		s->catch_var = var.text;
		expect_op(")");
	}
	s->body.push_back(parse_block());
	return s;
}

}  // namespace kctx::probe
