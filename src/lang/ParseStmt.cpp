// Statements: blocks, selection, iteration, jumps, labels, case/default.
#include "lang/ParserImpl.h"

#include <fmt/format.h>

namespace kctx::lang::parser {

// Nesting is counted by statement(), which a nested block goes through.
Stmt* Parser::compound(bool new_scope)
{
	Stmt* s = m_unit.new_stmt(StmtKind::Compound, tok().loc);
	if (!expect(Tok::LBrace))
		return s;
	if (new_scope)
		push_scope();
	while (!at(Tok::RBrace) && !at(Tok::Eof) && !stopped()) {
		size_t before = m_pos;
		block_item(s->items);
		if (m_pos == before)
			advance();
	}
	if (!at(Tok::RBrace) && !stopped())
		error(tok().loc, "expected '}'");
	accept(Tok::RBrace);
	if (new_scope)
		pop_scope();
	return s;
}

void Parser::block_item(std::vector<Stmt*>& items)
{
	if (at(Tok::KwStaticAssert)) {
		static_assert_decl();
		return;
	}
	bool label = at(Tok::Ident) && peek().is(Tok::Colon);
	if (!label && is_type_start(tok())) {
		declaration(false, &items);
		return;
	}
	// "foo bar;" with foo unknown: a missing type rather than two expressions.
	if (at(Tok::Ident) && peek().is(Tok::Ident) && !lookup(tok().text)) {
		const Token& n2 = peek(2);
		if (n2.is(Tok::Semi) || n2.is(Tok::Assign) || n2.is(Tok::Comma) || n2.is(Tok::LBracket)) {
			error(tok().loc, unknown_type_message(tok().text), tok().length);
			sync_stmt();
			return;
		}
	}
	items.push_back(statement());
}

Stmt* Parser::statement()
{
	Nest nest(*this);
	SourceLoc loc = tok().loc;
	if (!nest.ok)
		return m_unit.new_stmt(StmtKind::Null, loc);
	switch (tok().kind) {
	case Tok::LBrace: return compound(true);
	case Tok::Semi: advance(); return m_unit.new_stmt(StmtKind::Null, loc);
	case Tok::KwIf: {
		advance();
		Stmt* s = m_unit.new_stmt(StmtKind::If, loc);
		s->expr = paren_condition("if");
		s->body = sub_statement();
		if (accept(Tok::KwElse))
			s->else_body = sub_statement();
		return s;
	}
	case Tok::KwWhile: {
		advance();
		Stmt* s = m_unit.new_stmt(StmtKind::While, loc);
		s->expr = paren_condition("while");
		m_loop_depth++;
		s->body = sub_statement();
		m_loop_depth--;
		return s;
	}
	case Tok::KwDo: {
		advance();
		Stmt* s = m_unit.new_stmt(StmtKind::DoWhile, loc);
		m_loop_depth++;
		s->body = sub_statement();
		m_loop_depth--;
		if (!expect(Tok::KwWhile, "in do/while loop")) {
			sync_stmt();
			return s;
		}
		s->expr = paren_condition("do/while");
		if (!expect(Tok::Semi, "after do/while statement"))
			sync_stmt();
		return s;
	}
	case Tok::KwFor: return for_statement();
	case Tok::KwSwitch: return switch_statement();
	case Tok::KwCase:
	case Tok::KwDefault: return case_statement();
	case Tok::KwBreak:
	case Tok::KwContinue: {
		bool is_break = at(Tok::KwBreak);
		uint32_t len = tok().length;
		advance();
		if (is_break ? (m_loop_depth == 0 && m_switches.empty()) : m_loop_depth == 0)
			error(loc, fmt::format("'{}' statement not in loop{} statement", is_break ? "break" : "continue",
					       is_break ? " or switch" : ""),
			      len);
		if (!expect(Tok::Semi, is_break ? "after 'break'" : "after 'continue'"))
			sync_stmt();
		return m_unit.new_stmt(is_break ? StmtKind::Break : StmtKind::Continue, loc);
	}
	case Tok::KwGoto: {
		advance();
		Stmt* s = m_unit.new_stmt(StmtKind::Goto, loc);
		if (at(Tok::Star)) {
			error(tok().loc, "kctx does not support computed goto yet");
			sync_stmt();
			return s;
		}
		if (!at(Tok::Ident)) {
			error_at_tok("expected a label name after 'goto'");
			sync_stmt();
			return s;
		}
		s->label = tok().text;
		if (!m_gotos.count(s->label))
			m_gotos[s->label] = LabelInfo{false, tok().loc, tok().length};
		advance();
		if (!expect(Tok::Semi, "after 'goto'"))
			sync_stmt();
		return s;
	}
	case Tok::KwReturn: return return_statement();
	case Tok::KwAsm:
		error(loc, "kctx does not support inline assembly yet", tok().length);
		advance();
		sync_stmt();
		return m_unit.new_stmt(StmtKind::Null, loc);
	case Tok::Ident:
		if (peek().is(Tok::Colon)) {
			Stmt* s = m_unit.new_stmt(StmtKind::Label, loc);
			s->label = tok().text;
			LabelInfo& li = m_labels[s->label];
			if (li.defined) {
				error(loc, fmt::format("redefinition of label '{}'", s->label), tok().length);
				m_diags.note(li.loc, "previous definition is here", li.len);
			}
			li = LabelInfo{true, loc, tok().length};
			advance();
			advance();
			Attrs a;
			attributes(a);   // label: __attribute__((unused))
			if (at(Tok::RBrace)) {
				s->body = m_unit.new_stmt(StmtKind::Null, tok().loc);   // C2x: a label before '}'
				return s;
			}
			if (is_type_start(tok())) {
				// C2x allows a declaration after a label; gcc accepts it.
				Stmt* c = m_unit.new_stmt(StmtKind::Compound, tok().loc);
				declaration(false, &c->items);
				s->body = c;
				return s;
			}
			s->body = statement();
			return s;
		}
		break;
	default: break;
	}
	Stmt* s = m_unit.new_stmt(StmtKind::Expr, loc);
	s->expr = expr();
	if (s->expr->kind == ExprKind::Error && !at(Tok::Semi)) {
		sync_stmt();
		return s;
	}
	if (!expect(Tok::Semi, "after expression"))
		sync_stmt();
	return s;
}

// A statement that is the body of if/while/for: declarations are not allowed bare.
Stmt* Parser::sub_statement()
{
	if (is_type_start(tok()) && !(at(Tok::Ident) && peek().is(Tok::Colon))) {
		error(tok().loc, "expected a statement (a declaration is not a statement here; add braces)");
		Stmt* c = m_unit.new_stmt(StmtKind::Compound, tok().loc);
		push_scope();
		declaration(false, &c->items);
		pop_scope();
		return c;
	}
	return statement();
}

Expr* Parser::paren_condition(const char* what)
{
	if (!expect(Tok::LParen, fmt::format("after '{}'", what).c_str())) {
		return m_sema.error_expr(tok().loc);
	}
	Expr* e = expr();
	if (!expect(Tok::RParen))
		sync_parens(1);
	return m_sema.condition(e, fmt::format("the condition of '{}'", what).c_str());
}

Stmt* Parser::for_statement()
{
	SourceLoc loc = tok().loc;
	advance();
	Stmt* s = m_unit.new_stmt(StmtKind::For, loc);
	if (!expect(Tok::LParen, "after 'for'")) {
		sync_stmt();
		return s;
	}
	push_scope();
	if (is_type_start(tok())) {
		Stmt* c = m_unit.new_stmt(StmtKind::Compound, tok().loc);
		declaration(false, &c->items);
		s->init = c;
	} else if (!accept(Tok::Semi)) {
		Stmt* e = m_unit.new_stmt(StmtKind::Expr, tok().loc);
		e->expr = expr();
		s->init = e;
		expect(Tok::Semi, "in 'for' statement");
	}
	if (!at(Tok::Semi))
		s->expr = m_sema.condition(expr(), "the condition of 'for'");
	expect(Tok::Semi, "in 'for' statement");
	if (!at(Tok::RParen))
		s->step = expr();
	if (!expect(Tok::RParen))
		sync_parens(1);
	m_loop_depth++;
	s->body = sub_statement();
	m_loop_depth--;
	pop_scope();
	return s;
}

Stmt* Parser::switch_statement()
{
	SourceLoc loc = tok().loc;
	advance();
	Stmt* s = m_unit.new_stmt(StmtKind::Switch, loc);
	if (!expect(Tok::LParen, "after 'switch'")) {
		sync_stmt();
		return s;
	}
	Expr* e = expr();
	if (!expect(Tok::RParen))
		sync_parens(1);
	e = m_sema.decay(e);
	if (e->kind != ExprKind::Error && !e->type->is_integer()) {
		error(e->loc, fmt::format("statement requires expression of integer type ('{}' invalid)", type_name(e->type)),
		      e->length);
		e = m_sema.error_expr(e->loc);
	}
	if (e->kind != ExprKind::Error)
		e = m_sema.cast(e, m_types.promote(e->type), e->loc, false);
	s->expr = e;
	m_switches.push_back(s);
	s->body = statement();
	m_switches.pop_back();
	return s;
}

Stmt* Parser::case_statement()
{
	SourceLoc loc = tok().loc;
	uint32_t len = tok().length;
	bool is_default = at(Tok::KwDefault);
	advance();
	Stmt* s = m_unit.new_stmt(is_default ? StmtKind::Default : StmtKind::Case, loc);
	if (!is_default) {
		Expr* e = cond_expr();
		auto v = m_sema.const_int(e);
		if (!v && e->kind != ExprKind::Error)
			error(e->loc, "expression is not an integer constant expression", e->length);
		s->case_lo = s->case_hi = v.value_or(0);
		if (accept(Tok::Ellipsis)) {
			Expr* e2 = cond_expr();
			auto v2 = m_sema.const_int(e2);
			if (!v2 && e2->kind != ExprKind::Error)
				error(e2->loc, "expression is not an integer constant expression", e2->length);
			s->case_hi = v2.value_or(s->case_lo);
			if (s->case_hi < s->case_lo)
				warning(e2->loc, "empty case range specified");
		}
	}
	if (!expect(Tok::Colon, is_default ? "after 'default'" : "after 'case'")) {
		sync_stmt();
		return s;
	}
	if (m_switches.empty()) {
		error(loc, fmt::format("'{}' statement not in switch statement", is_default ? "default" : "case"), len);
	} else {
		Stmt* sw = m_switches.back();
		const Type* ct = sw->expr ? sw->expr->type : m_types.int_type();
		if (!is_default) {
			s->case_lo = Sema::normalize(s->case_lo, ct);
			s->case_hi = Sema::normalize(s->case_hi, ct);
		}
		for (Stmt* other : sw->cases) {
			if (is_default && other->kind == StmtKind::Default) {
				error(loc, "multiple default labels in one switch", len);
				m_diags.note(other->loc, "previous case defined here");
				break;
			}
			if (!is_default && other->kind == StmtKind::Case && s->case_lo <= other->case_hi &&
			    other->case_lo <= s->case_hi) {
				error(loc, fmt::format("duplicate case value '{}'", s->case_lo), len);
				m_diags.note(other->loc, "previous case defined here");
				break;
			}
		}
		sw->cases.push_back(s);
	}
	if (at(Tok::RBrace)) {
		s->body = m_unit.new_stmt(StmtKind::Null, tok().loc);
		return s;
	}
	if (is_type_start(tok()) && !(at(Tok::Ident) && peek().is(Tok::Colon))) {
		Stmt* c = m_unit.new_stmt(StmtKind::Compound, tok().loc);
		declaration(false, &c->items);
		s->body = c;
		return s;
	}
	s->body = statement();
	return s;
}

Stmt* Parser::return_statement()
{
	SourceLoc loc = tok().loc;
	uint32_t len = tok().length;
	advance();
	Stmt* s = m_unit.new_stmt(StmtKind::Return, loc);
	const Type* rt = m_fn ? m_fn->sym->type->base : m_types.int_type();
	if (at(Tok::Semi)) {
		advance();
		if (!rt->is_void())
			warning(loc, fmt::format("non-void function '{}' should return a value", m_fn ? m_fn->sym->name : ""), len,
				"-Wreturn-type");
		return s;
	}
	Expr* e = expr();
	if (rt->is_void()) {
		if (!e->type->is_void() && e->kind != ExprKind::Error)
			error(e->loc, fmt::format("void function '{}' should not return a value", m_fn ? m_fn->sym->name : ""),
			      e->length);
		s->expr = e;
	} else {
		s->expr = m_sema.convert_assign(e, rt, e->loc, "returning");
	}
	if (!expect(Tok::Semi, "after the return statement"))
		sync_stmt();
	return s;
}

}  // namespace kctx::lang::parser
