// Expressions by precedence: comma, assignment, conditional, binary (Precedence.h),
// casts and compound literals, unary, postfix, primary, statement expressions and the
// __builtin_va_* / __builtin_offsetof forms.
#include "lang/ParserImpl.h"

#include <fmt/format.h>
#include <optional>

#include "lang/Precedence.h"

namespace kctx::lang::parser {

Expr* Parser::expr()
{
	Expr* e = assign_expr();
	while (at(Tok::Comma) && !stopped()) {
		SourceLoc loc = tok().loc;
		advance();
		Expr* r = assign_expr();
		e = m_sema.comma(e, r, loc);
	}
	return e;
}

bool Parser::assign_op(Tok k, BinOp& op)
{
	switch (k) {
	case Tok::StarAssign: op = BinOp::Mul; return true;
	case Tok::SlashAssign: op = BinOp::Div; return true;
	case Tok::PercentAssign: op = BinOp::Rem; return true;
	case Tok::PlusAssign: op = BinOp::Add; return true;
	case Tok::MinusAssign: op = BinOp::Sub; return true;
	case Tok::ShlAssign: op = BinOp::Shl; return true;
	case Tok::ShrAssign: op = BinOp::Shr; return true;
	case Tok::AmpAssign: op = BinOp::And; return true;
	case Tok::CaretAssign: op = BinOp::Xor; return true;
	case Tok::PipeAssign: op = BinOp::Or; return true;
	default: return false;
	}
}

Expr* Parser::assign_expr()
{
	Expr* lhs = cond_expr();
	SourceLoc loc = tok().loc;
	BinOp op;
	bool plain = at(Tok::Assign);
	if (!plain && !assign_op(tok().kind, op))
		return lhs;
	// a = b = c nests to the right.
	Nest nest(*this, NestKind::Expr);
	if (!nest.ok)
		return m_sema.error_expr(loc);
	advance();
	Expr* rhs = assign_expr();
	if (plain)
		return m_sema.assign(lhs, rhs, loc);
	return m_sema.compound_assign(op, lhs, rhs, loc);
}

Expr* Parser::cond_expr()
{
	Expr* c = binary_expr(1);
	if (!at(Tok::Question))
		return c;
	Nest nest(*this, NestKind::Expr);
	if (!nest.ok)
		return c;
	SourceLoc loc = tok().loc;
	advance();
	if (at(Tok::Colon)) {
		error(loc, "kctx does not support the GNU '?:' with an omitted middle operand yet");
		advance();
		(void)cond_expr();
		return m_sema.error_expr(loc);
	}
	Expr* a = expr();
	if (!expect(Tok::Colon, "in conditional expression"))
		return m_sema.error_expr(loc);
	Expr* b = cond_expr();
	return m_sema.conditional(c, a, b, loc);
}

BinOp Parser::binop_of(Tok k)
{
	switch (k) {
	case Tok::Pipe: return BinOp::Or;
	case Tok::Caret: return BinOp::Xor;
	case Tok::Amp: return BinOp::And;
	case Tok::EqEq: return BinOp::Eq;
	case Tok::Ne: return BinOp::Ne;
	case Tok::Lt: return BinOp::Lt;
	case Tok::Gt: return BinOp::Gt;
	case Tok::Le: return BinOp::Le;
	case Tok::Ge: return BinOp::Ge;
	case Tok::Shl: return BinOp::Shl;
	case Tok::Shr: return BinOp::Shr;
	case Tok::Plus: return BinOp::Add;
	case Tok::Minus: return BinOp::Sub;
	case Tok::Star: return BinOp::Mul;
	case Tok::Slash: return BinOp::Div;
	default: return BinOp::Rem;
	}
}

Expr* Parser::binary_expr(int min_prec)
{
	Expr* lhs = cast_expr();
	while (!stopped()) {
		Tok k = tok().kind;
		int p = binary_precedence(k);
		if (p < min_prec)
			break;
		SourceLoc loc = tok().loc;
		advance();
		Expr* rhs = binary_expr(p + 1);
		if (k == Tok::AmpAmp || k == Tok::PipePipe)
			lhs = m_sema.logical(k == Tok::AmpAmp, lhs, rhs, loc);
		else
			lhs = m_sema.binary(binop_of(k), lhs, rhs, loc);
	}
	return lhs;
}

Expr* Parser::cast_expr()
{
	if (at_type_in_parens()) {
		Nest nest(*this, NestKind::Expr);
		if (!nest.ok)
			return m_sema.error_expr(tok().loc);
		SourceLoc loc = tok().loc;
		advance();
		const Type* t = type_name_();
		expect(Tok::RParen);
		if (at(Tok::LBrace))
			return postfix_tail(compound_literal(t, loc));
		Expr* e = cast_expr();
		if (t->is_float() && m_world == abi::World::Kernel)
			return m_sema.error_expr(loc);   // reported at the type
		return m_sema.cast(e, t, loc, true);
	}
	return unary_expr();
}

Expr* Parser::compound_literal(const Type* t, SourceLoc loc)
{
	RawInit* raw = initializer_raw(0);
	if (t->is_variably_modified()) {
		error(loc, "compound literal has variable size");
		return m_sema.error_expr(loc);
	}
	if (!m_fn) {
		Symbol* s = m_unit.new_symbol();
		s->kind = SymKind::Var;
		s->name = fmt::format("__compound_literal.{}", m_compound_literals++);
		s->global_name = s->name;
		s->storage = Storage::Static;
		s->is_static = true;
		s->defined = true;
		s->loc = loc;
		s->init = m_sema.initializer(t, raw, loc);
		s->type = t;
		m_unit.objects.push_back(s);
		return m_sema.var_ref(s, loc, 1);
	}
	Symbol* s = m_unit.new_symbol();
	s->kind = SymKind::Var;
	s->name = "(compound literal)";
	s->storage = Storage::Local;
	s->address_taken = true;
	s->loc = loc;
	s->index = static_cast<uint32_t>(m_fn->locals.size());
	m_fn->locals.push_back(s);
	Initializer* init = m_sema.initializer(t, raw, loc);
	s->type = t;
	if (!t->is_complete()) {
		error(loc, fmt::format("compound literal has incomplete type '{}'", type_name(t)));
		return m_sema.error_expr(loc);
	}
	Expr* e = m_unit.new_expr(ExprKind::CompoundLit, t, loc);
	e->sym = s;
	e->init = init;
	e->lvalue = true;
	return e;
}

bool Parser::is_prefix_operator(Tok k)
{
	switch (k) {
	case Tok::PlusPlus: case Tok::MinusMinus: case Tok::Amp: case Tok::Star: case Tok::Plus:
	case Tok::Minus: case Tok::Tilde: case Tok::Bang: case Tok::KwExtension: case Tok::KwSizeof:
	case Tok::KwAlignof:
		return true;
	default: return false;
	}
}

Expr* Parser::unary_expr()
{
	SourceLoc loc = tok().loc;
	// A chain of prefix operators nests (- - - x).
	std::optional<Nest> nest;
	if (is_prefix_operator(tok().kind)) {
		nest.emplace(*this, NestKind::Expr);
		if (!nest->ok)
			return m_sema.error_expr(loc);
	}
	switch (tok().kind) {
	case Tok::PlusPlus:
	case Tok::MinusMinus: {
		bool inc = at(Tok::PlusPlus);
		advance();
		Expr* e = unary_expr();
		return m_sema.incdec(e, inc, false, loc);
	}
	case Tok::Amp: {
		advance();
		Expr* e = cast_expr();
		return m_sema.addr_of(e, loc);
	}
	case Tok::AmpAmp:
		error(loc, "kctx does not support labels as values (&&label) yet");
		advance();
		advance();
		return m_sema.error_expr(loc);
	case Tok::Star: {
		advance();
		Expr* e = cast_expr();
		return m_sema.deref(e, loc);
	}
	case Tok::Plus: {
		advance();
		return m_sema.unary_plus(cast_expr(), loc);
	}
	case Tok::Minus: {
		advance();
		return m_sema.unary(UnOp::Neg, cast_expr(), loc);
	}
	case Tok::Tilde: {
		advance();
		return m_sema.unary(UnOp::BitNot, cast_expr(), loc);
	}
	case Tok::Bang: {
		advance();
		return m_sema.unary(UnOp::LogNot, m_sema.condition(cast_expr(), "operand of '!'"), loc);
	}
	case Tok::KwExtension: advance(); return cast_expr();
	case Tok::KwSizeof:
	case Tok::KwAlignof: {
		bool is_align = at(Tok::KwAlignof);
		advance();
		if (at_type_in_parens()) {
			advance();
			const Type* t = type_name_();
			expect(Tok::RParen);
			if (at(Tok::LBrace)) {
				Expr* lit = postfix_tail(compound_literal(t, loc));
				return m_sema.size_of(lit->type, loc, is_align);
			}
			return m_sema.size_of(t, loc, is_align);
		}
		Expr* e = unary_expr();
		if (e->kind == ExprKind::Error)
			return e;
		if (e->kind == ExprKind::Member && e->bit_width) {
			error(loc, fmt::format("invalid application of '{}' to bit-field", is_align ? "_Alignof" : "sizeof"));
			return m_sema.error_expr(loc);
		}
		return m_sema.size_of(e->type, loc, is_align);
	}
	default: return postfix_tail(primary());
	}
}

Expr* Parser::postfix_tail(Expr* e)
{
	while (!stopped()) {
		SourceLoc loc = tok().loc;
		switch (tok().kind) {
		case Tok::LBracket: {
			Nest nest(*this, NestKind::Expr);
			if (!nest.ok)
				return e;
			advance();
			Expr* i = expr();
			expect(Tok::RBracket);
			e = m_sema.index(e, i, loc);
			continue;
		}
		case Tok::LParen: {
			Nest nest(*this, NestKind::Expr);
			if (!nest.ok)
				return e;
			advance();
			std::vector<Expr*> args;
			if (!at(Tok::RParen)) {
				while (!stopped()) {
					args.push_back(assign_expr());
					if (!accept(Tok::Comma))
						break;
				}
			}
			SourceLoc rp = tok().loc;
			if (!expect(Tok::RParen, "to end the argument list")) {
				sync_parens(1);
				return m_sema.error_expr(loc);
			}
			e = m_sema.call(e, std::move(args), e->loc, rp);
			continue;
		}
		case Tok::Dot:
		case Tok::Arrow: {
			bool arrow = at(Tok::Arrow);
			advance();
			if (!at(Tok::Ident)) {
				error_at_tok("expected a member name");
				return m_sema.error_expr(loc);
			}
			std::string name = tok().text;
			SourceLoc nloc = tok().loc;
			uint32_t nlen = tok().length;
			advance();
			e = m_sema.member(e, name, arrow, nloc, nlen);
			continue;
		}
		case Tok::PlusPlus:
		case Tok::MinusMinus: {
			bool inc = at(Tok::PlusPlus);
			advance();
			e = m_sema.incdec(e, inc, true, loc);
			continue;
		}
		default: return e;
		}
	}
	return e;
}

Expr* Parser::primary()
{
	const Token& t = tok();
	SourceLoc loc = t.loc;
	switch (t.kind) {
	case Tok::Ident: return identifier();
	case Tok::Number: {
		Expr* e = number(t);
		advance();
		return e;
	}
	case Tok::Char: {
		Expr* e = char_literal(t);
		advance();
		return e;
	}
	case Tok::String: return string_literal();
	case Tok::LParen: {
		Nest nest(*this, NestKind::Expr);
		if (!nest.ok)
			return m_sema.error_expr(loc);
		advance();
		if (at(Tok::LBrace))
			return statement_expression(loc);
		Expr* e = expr();
		if (!expect(Tok::RParen)) {
			return m_sema.error_expr(loc);
		}
		return e;
	}
	case Tok::KwBuiltinOffsetof: return builtin_offsetof();
	case Tok::KwBuiltinVaStart:
	case Tok::KwBuiltinVaArg:
	case Tok::KwBuiltinVaEnd:
	case Tok::KwBuiltinVaCopy: return builtin_va();
	case Tok::KwGeneric:
		error(loc, "kctx does not support _Generic yet", t.length);
		advance();
		if (at(Tok::LParen))
			sync_parens(0);
		return m_sema.error_expr(loc);
	default: break;
	}
	if (t.kind == Tok::Other)
		error(loc, stray_message(t), t.length);
	else
		error(loc, t.kind == Tok::Eof ? "expected expression" : fmt::format("expected expression before {}", describe(t)),
		      t.length);
	return m_sema.error_expr(loc);
}

Expr* Parser::statement_expression(SourceLoc loc)
{
	if (!m_fn) {
		error(loc, "statement expression not allowed at file scope");
		skip_block();
		expect(Tok::RParen);
		return m_sema.error_expr(loc);
	}
	Stmt* body = compound(true);
	expect(Tok::RParen);
	Expr* e = m_unit.new_expr(ExprKind::StmtExpr, m_types.void_type(), loc);
	e->body = body;
	if (!body->items.empty() && body->items.back()->kind == StmtKind::Expr && body->items.back()->expr) {
		Expr* last = m_sema.decay(body->items.back()->expr);
		body->items.back()->expr = last;
		e->type = last->type;
		e->depth = static_cast<uint16_t>(std::min<uint32_t>(kMaxExprDepth, last->depth + 1u));
	}
	return e;
}

// __builtin_va_start(ap, last), __builtin_va_arg(ap, type), __builtin_va_end(ap),
// __builtin_va_copy(dst, src): what <stdarg.h>'s macros expand to.
Expr* Parser::builtin_va()
{
	Tok kind = tok().kind;
	SourceLoc loc = tok().loc;
	std::string name = tok().text;
	Nest nest(*this, NestKind::Expr);
	if (!nest.ok)
		return m_sema.error_expr(loc);
	advance();
	if (!expect(Tok::LParen, fmt::format("after '{}'", name).c_str()))
		return m_sema.error_expr(loc);
	Expr* ap = assign_expr();
	Expr* r = nullptr;
	switch (kind) {
	case Tok::KwBuiltinVaStart: {
		expect(Tok::Comma);
		Expr* last = assign_expr();
		r = m_sema.stdarg_start(ap, last, m_fn, loc);
		break;
	}
	case Tok::KwBuiltinVaArg: {
		expect(Tok::Comma);
		SourceLoc type_loc = tok().loc;
		const Type* t = type_name_();
		r = m_sema.stdarg_arg(ap, t, loc, type_loc);
		break;
	}
	case Tok::KwBuiltinVaCopy: {
		expect(Tok::Comma);
		Expr* src = assign_expr();
		r = m_sema.stdarg_copy(ap, src, loc);
		break;
	}
	default: r = m_sema.stdarg_end(ap, loc); break;
	}
	if (!expect(Tok::RParen)) {
		sync_parens(1);
		return m_sema.error_expr(loc);
	}
	return r;
}

Expr* Parser::builtin_offsetof()
{
	SourceLoc loc = tok().loc;
	advance();
	if (!expect(Tok::LParen, "after '__builtin_offsetof'"))
		return m_sema.error_expr(loc);
	const Type* t = type_name_();
	expect(Tok::Comma);
	uint64_t off = 0;
	bool first = true;
	while (!stopped()) {
		if (first || accept(Tok::Dot)) {
			first = false;
			if (!at(Tok::Ident)) {
				error_at_tok("expected a member name");
				return m_sema.error_expr(loc);
			}
			FieldRef f;
			if (!t->is_record() || !t->record->complete || !find_field(*t->record, tok().text, f)) {
				error(tok().loc, fmt::format("no member named '{}' in '{}'", tok().text, type_name(t)), tok().length);
				return m_sema.error_expr(loc);
			}
			off += f.offset;
			t = f.type;
			advance();
			continue;
		}
		if (accept(Tok::LBracket)) {
			Expr* e = expr();
			auto v = m_sema.const_int(e);
			expect(Tok::RBracket);
			if (!t->is_array() || !v) {
				error(e->loc, "expected a constant array index");
				return m_sema.error_expr(loc);
			}
			t = t->base;
			off += static_cast<uint64_t>(*v) * t->size();
			continue;
		}
		break;
	}
	expect(Tok::RParen);
	return m_sema.int_lit(static_cast<int64_t>(off), m_types.ulong_type(), loc);
}

}  // namespace kctx::lang::parser
