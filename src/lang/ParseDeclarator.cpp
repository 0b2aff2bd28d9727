// Declarators: pointers, arrays (VLA sizes, `[*]`), function parameter lists, abstract
// declarators and type names.
#include "lang/ParserImpl.h"

#include <fmt/format.h>

namespace kctx::lang::parser {

bool Parser::nested_declarator_start(bool abstract_ok) const
{
	const Token& n = peek();
	if (n.kind == Tok::Star || n.kind == Tok::LParen || n.kind == Tok::KwAttribute || n.kind == Tok::Caret)
		return true;
	if (n.kind == Tok::LBracket)
		return abstract_ok;
	if (n.kind == Tok::Ident && !abstract_ok)
		return !is_typedef_name(n);
	if (n.kind == Tok::Ident && abstract_ok)
		return !is_typedef_name(n);
	return false;
}

const Type* Parser::declarator(const Type* base, Declarator& d, bool abstract_ok)
{
	Nest nest(*this);
	if (!nest.ok)
		return base;
	skip_qualifiers();
	while (at(Tok::Star)) {
		advance();
		base = m_types.pointer_to(base);
		skip_qualifiers();
	}
	if (at(Tok::Caret)) {
		error(tok().loc, "kctx does not support blocks (^) yet");
		advance();
	}
	if (at(Tok::LParen) && nested_declarator_start(abstract_ok)) {
		size_t open = m_pos;
		advance();
		// Skip the inner declarator to find the suffixes that apply to `base`.
		int depth = 1;
		while (!at(Tok::Eof) && !stopped() && depth > 0) {
			if (at(Tok::LParen))
				depth++;
			else if (at(Tok::RParen))
				depth--;
			else if (at(Tok::Semi) || at(Tok::LBrace) || at(Tok::RBrace))
				break;
			if (depth > 0)
				advance();
		}
		if (!at(Tok::RParen)) {
			error(m_toks[open].loc, "expected ')' to close the declarator");
			return base;
		}
		advance();
		const Type* outer = suffixes(base, nullptr);
		size_t end = m_pos;
		m_pos = open + 1;
		const Type* t = declarator(outer, d, abstract_ok);
		if (!at(Tok::RParen)) {
			expect(Tok::RParen);
		}
		m_pos = std::max(end, m_pos);
		return t;
	}
	if (at(Tok::Ident)) {
		d.name = tok().text;
		d.loc = tok().loc;
		d.len = tok().length;
		advance();
	} else {
		d.loc = tok().loc;
		if (!abstract_ok)
			error_at_tok(at(Tok::Eof) ? "expected identifier" : fmt::format("expected identifier or '(' before {}", describe(tok())));
	}
	// Attributes after the name belong to the declaration (the caller reads them).
	return suffixes(base, d.name.empty() && !abstract_ok ? nullptr : &d);
}

const Type* Parser::suffixes(const Type* base, Declarator* capture)
{
	Nest nest(*this);
	if (!nest.ok)
		return base;
	if (at(Tok::LBracket)) {
		SourceLoc loc = tok().loc;
		advance();
		while (at(Tok::KwStatic) || at(Tok::KwConst) || at(Tok::KwVolatile) || at(Tok::KwRestrict))
			advance();
		bool unsized = true;
		uint64_t n = 0;
		Expr* vla_count = nullptr;
		if (!at(Tok::RBracket)) {
			if (at(Tok::Star) && peek().is(Tok::RBracket)) {
				// C11 6.7.6.2p4: a VLA of unspecified size, only in a prototype that
				// is not a definition (function_definition() checks that part).
				if (m_param_lists == 0)
					error(tok().loc, "'[*]' not allowed in other than function prototype scope");
				vla_count = m_sema.int_lit(0, m_types.ulong_type(), tok().loc);
				m_star_counts.insert(vla_count);
				advance();
			} else {
				Expr* e = assign_expr();
				auto v = m_sema.const_int(e);
				if (!v) {
					if (e->kind == ExprKind::Error) {
					} else if (!e->type->is_integer()) {
						error(e->loc, fmt::format("size of array has non-integer type '{}'", type_name(e->type)),
						      e->length);
					} else if (!m_fn && m_param_lists == 0) {
						error(e->loc, "variable length array declaration not allowed at file scope", e->length);
					} else {
						// A variable-length array: its size is computed when the
						// declaration is reached (CodeGen).
						vla_count = m_sema.cast(e, m_types.ulong_type(), e->loc, false);
					}
				} else if (*v < 0) {
					error(e->loc, "array has negative size", e->length);
				} else if (*v > (int64_t{1} << 40)) {
					error(e->loc, "array is too large", e->length);
				} else {
					n = static_cast<uint64_t>(*v);
					unsized = false;
				}
			}
		}
		expect(Tok::RBracket);
		const Type* elem = suffixes(base, nullptr);
		if (elem->is_function()) {
			error(loc, "array of functions is not allowed (use an array of function pointers)");
			elem = m_types.pointer_to(elem);
		}
		if (elem->is_void()) {
			error(loc, "array has incomplete element type 'void'");
			elem = m_types.char_type();
		}
		if (!elem->is_complete() && !(elem->is_record())) {
			error(loc, fmt::format("array has incomplete element type '{}'", type_name(elem)));
			elem = m_types.char_type();
		}
		if (vla_count)
			return m_types.vla_of(elem, vla_count);
		return m_types.array_of(elem, n, unsized);
	}
	if (at(Tok::LParen)) {
		SourceLoc loc = tok().loc;
		advance();
		std::vector<ParamDecl> params;
		bool variadic = false;
		bool prototyped = true;
		if (at(Tok::RParen)) {
			prototyped = false;
		} else if (at(Tok::KwVoid) && peek().is(Tok::RParen)) {
			advance();
		} else {
			push_scope();   // tags and parameter names declared in a parameter list are local to it
			m_param_lists++;
			while (!stopped()) {
				if (at(Tok::Ellipsis)) {
					advance();
					variadic = true;
					break;
				}
				DeclSpec ds;
				SourceLoc ploc = tok().loc;
				if (!decl_spec(ds, true) || !ds.type) {
					if (at(Tok::Ident))
						error(tok().loc, unknown_type_message(tok().text), tok().length);
					else
						error_at_tok(fmt::format("expected parameter declarator before {}", describe(tok())));
					ds.type = m_types.int_type();
					if (at(Tok::Ident))
						advance();
					else
						break;
				}
				Declarator pd;
				const Type* pt = declarator(ds.type, pd, true);
				const Expr* decayed_count = nullptr;
				if (pt->is_array()) {
					decayed_count = pt->vla_count;
					pt = m_types.pointer_to(pt->base);
				}
				else if (pt->is_function())
					pt = m_types.pointer_to(pt);
				if (pt->is_void()) {
					error(ploc, "'void' must be the first and only parameter if specified");
					pt = m_types.int_type();
				}
				params.push_back({pd.name, pd.name.empty() ? ploc : pd.loc, pd.len, pt, declare_param(pd, pt), decayed_count});
				if (!accept(Tok::Comma))
					break;
			}
			m_param_lists--;
			pop_scope();
		}
		if (!expect(Tok::RParen, "to end the parameter list"))
			sync_parens(1);
		const Type* ret = suffixes(base, nullptr);
		if (ret->is_function() || ret->is_array()) {
			error(loc, fmt::format("function cannot return {} type '{}'", ret->is_array() ? "array" : "function",
					       type_name(ret)));
			ret = m_types.int_type();
		}
		std::vector<const Type*> types;
		for (const ParamDecl& p : params)
			types.push_back(p.type);
		if (capture && !capture->has_params) {
			capture->has_params = true;
			capture->params = std::move(params);
		}
		return m_types.function(ret, std::move(types), variadic, prototyped);
	}
	return base;
}

// Whether a parameter's type has a `[*]` array in it.
bool Parser::uses_star(const Type* t) const
{
	for (int depth = 0; t && (t->is_pointer() || t->is_array()) && depth < 256; depth++, t = t->base)
		if (t->is_vla() && m_star_counts.count(t->vla_count))
			return true;
	return false;
}

// A new symbol of `kind` for what declarator `d` names, typed `t`.
Symbol* Parser::new_symbol(SymKind kind, const Declarator& d, const Type* t)
{
	Symbol* s = m_unit.new_symbol();
	s->kind = kind;
	s->name = d.name;
	s->type = t;
	s->loc = d.loc;
	s->length = d.len;
	return s;
}

// A named parameter's object in the prototype scope being parsed (see ParamDecl::sym).
Symbol* Parser::declare_param(const Declarator& pd, const Type* t)
{
	if (pd.name.empty() || m_scopes.back().names.count(pd.name))
		return nullptr;   // function_definition() reports the duplicate
	Symbol* s = new_symbol(SymKind::Var, pd, t);
	s->storage = Storage::Param;
	m_scopes.back().names[pd.name] = s;
	return s;
}

const Type* Parser::type_name_()
{
	DeclSpec ds;
	SourceLoc loc = tok().loc;
	if (!decl_spec(ds, false) || !ds.type) {
		error(loc, "expected a type");
		return m_types.int_type();
	}
	Declarator d;
	const Type* t = declarator(ds.type, d, true);
	if (!d.name.empty())
		error(d.loc, "unexpected identifier in a type name", d.len);
	return t;
}

}  // namespace kctx::lang::parser
