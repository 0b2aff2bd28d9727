// Initializers as written (braces, designators, expressions): Sema fits them to the
// object's type.
#include "lang/ParserImpl.h"

namespace kctx::lang::parser {

RawInit* Parser::initializer_raw(int depth)
{
	m_raw_inits.emplace_back();
	RawInit* r = &m_raw_inits.back();
	r->loc = tok().loc;
	if (!at(Tok::LBrace)) {
		r->expr = assign_expr();
		return r;
	}
	Nest nest(*this);
	if (!nest.ok) {
		r->expr = m_sema.error_expr(r->loc);
		return r;
	}
	r->braced = true;
	advance();
	while (!at(Tok::RBrace) && !at(Tok::Eof) && !stopped()) {
		RawInitElem el;
		while (at(Tok::Dot) || at(Tok::LBracket)) {
			Designator dsg;
			dsg.loc = tok().loc;
			if (accept(Tok::Dot)) {
				if (!at(Tok::Ident)) {
					error_at_tok("expected a field designator");
					break;
				}
				dsg.is_field = true;
				dsg.field = tok().text;
				dsg.loc = tok().loc;
				advance();
			} else {
				advance();
				Expr* e = cond_expr();
				auto v = m_sema.const_int(e);
				if (!v)
					error(e->loc, "expression is not an integer constant expression", e->length);
				dsg.index = dsg.index_hi = v.value_or(0);
				if (accept(Tok::Ellipsis)) {
					Expr* e2 = cond_expr();
					auto v2 = m_sema.const_int(e2);
					if (!v2)
						error(e2->loc, "expression is not an integer constant expression", e2->length);
					dsg.index_hi = v2.value_or(dsg.index);
					if (dsg.index_hi < dsg.index)
						error(e2->loc, "array designator range is empty");
				}
				expect(Tok::RBracket);
			}
			el.designators.push_back(std::move(dsg));
		}
		if (!el.designators.empty())
			expect(Tok::Assign, "after the designator");
		else if (at(Tok::Ident) && peek().is(Tok::Colon)) {
			// Old GNU designator: field: value
			Designator dsg;
			dsg.is_field = true;
			dsg.field = tok().text;
			dsg.loc = tok().loc;
			advance();
			advance();
			el.designators.push_back(std::move(dsg));
		}
		el.value = initializer_raw(depth + 1);
		r->list.push_back(std::move(el));
		if (!accept(Tok::Comma))
			break;
	}
	if (!expect(Tok::RBrace, "to end the initializer list"))
		sync_stmt();
	return r;
}

}  // namespace kctx::lang::parser
