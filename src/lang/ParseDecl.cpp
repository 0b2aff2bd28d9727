// Declarations: file-scope and block-scope declarations, typedefs, function
// declarations and definitions, objects with their initializers, _Static_assert.
#include "lang/ParserImpl.h"

#include <fmt/format.h>

namespace kctx::lang::parser {

void Parser::static_assert_decl()
{
	SourceLoc loc = tok().loc;
	advance();
	if (!expect(Tok::LParen, "after '_Static_assert'")) {
		sync_stmt();
		return;
	}
	Expr* e = cond_expr();
	std::string msg;
	if (accept(Tok::Comma)) {
		if (at(Tok::String)) {
			Expr* s = string_literal();
			msg = s->str.empty() ? "" : s->str.substr(0, s->str.size() - 1);
		} else {
			error_at_tok("expected a string literal");
		}
	}
	expect(Tok::RParen);
	expect(Tok::Semi);
	auto v = m_sema.const_int(e);
	if (!v)
		error(e->loc, "static assertion expression is not an integral constant expression", e->length);
	else if (!*v)
		error(loc, msg.empty() ? "static assertion failed" : fmt::format("static assertion failed: {}", msg));
}

void Parser::external_declaration()
{
	if (accept(Tok::Semi))
		return;
	if (at(Tok::KwStaticAssert)) {
		static_assert_decl();
		return;
	}
	if (at(Tok::KwAsm)) {
		error(tok().loc, "kctx does not support top-level asm yet", tok().length);
		advance();
		sync_stmt();
		return;
	}
	declaration(true, nullptr);
}

// Parses one declaration; at block scope, appends Decl statements to `out`.
void Parser::declaration(bool file_scope, std::vector<Stmt*>* out)
{
	DeclSpec ds;
	SourceLoc start = tok().loc;
	bool any = decl_spec(ds, true);
	if (!ds.type) {
		if (at(Tok::Ident) && (peek().is(Tok::Ident) || peek().is(Tok::Star))) {
			error(tok().loc, unknown_type_message(tok().text), tok().length);
			advance();
			ds.type = m_types.int_type();
		} else if (any && (at(Tok::Ident) || at(Tok::Star))) {
			error(start, "type specifier missing (kctx does not assume 'int')");
			ds.type = m_types.int_type();
		} else {
			error_at_tok(at(Tok::Eof) ? "expected a declaration" : fmt::format("expected a declaration before {}", describe(tok())));
			sync_stmt();
			return;
		}
	}
	if (at(Tok::Semi)) {
		advance();
		if (!ds.type->is_record() && ds.type->kind != TypeKind::Enum)
			warning(start, "declaration does not declare anything");
		return;
	}
	bool first = true;
	while (!stopped()) {
		Declarator d;
		const Type* t = declarator(ds.type, d, false);
		Attrs attrs = ds.attrs;
		skip_qualifiers(&attrs);
		if (d.name.empty()) {
			sync_stmt();
			return;
		}
		if (ds.sc == StorageClass::Typedef) {
			declare_typedef(d, t, out);
		} else if (t->is_function()) {
			Symbol* f = declare_function(d, t, ds, file_scope, attrs.weak);
			if (at(Tok::LBrace)) {
				if (!file_scope || !first) {
					error(tok().loc, file_scope ? "function definition must be the only declarator"
								    : "kctx does not support nested function definitions");
					skip_block();
					return;
				}
				function_definition(f, d);
				return;
			}
		} else {
			object_declaration(d, t, ds, attrs, file_scope, out);
		}
		first = false;
		if (!accept(Tok::Comma))
			break;
	}
	if (!expect(Tok::Semi, "after the declaration"))
		sync_stmt();
}

void Parser::skip_block()
{
	int depth = 0;
	while (!at(Tok::Eof) && !stopped()) {
		if (at(Tok::LBrace))
			depth++;
		if (at(Tok::RBrace)) {
			depth--;
			if (depth <= 0) {
				advance();
				return;
			}
		}
		advance();
	}
}

// A variably modified typedef (`typedef int row[n];`, only in a function: sizes are
// not allowed at file scope) becomes a Decl statement too: its sizes are evaluated
// where it is reached (C11 6.7.8p3), and every object declared with it shares them.
void Parser::declare_typedef(const Declarator& d, const Type* t, std::vector<Stmt*>* out)
{
	if (t->is_variably_modified() && !out) {
		error(d.loc, "kctx does not support variably modified typedefs here yet", d.len);
		t = m_types.int_type();
	}
	auto& names = m_scopes.back().names;
	auto it = names.find(d.name);
	if (it != names.end()) {
		if (it->second->kind == SymKind::Typedef && same_type(it->second->type, t))
			return;   // C11 allows repeating a typedef
		error(d.loc, fmt::format("redefinition of '{}'", d.name), d.len);
		return;
	}
	Symbol* s = new_symbol(SymKind::Typedef, d, t);
	names[d.name] = s;
	if (t->is_variably_modified()) {
		Stmt* st = m_unit.new_stmt(StmtKind::Decl, d.loc);
		st->var = s;
		out->push_back(st);
	}
}

Symbol* Parser::declare_function(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool weak)
{
	if (ds.sc == StorageClass::Auto || ds.sc == StorageClass::Register)
		error(d.loc, "illegal storage class on function", d.len);
	if (!file_scope && ds.sc == StorageClass::Static)
		error(d.loc, "function declared in block scope cannot have 'static' storage class", d.len);
	Symbol* s = nullptr;
	auto it = m_functions.find(d.name);
	if (it != m_functions.end() && it->second->is_weak && !weak && (at(Tok::LBrace) || !same_type(it->second->type, t))) {
		// The program defines (or declares differently) a name the prelude's library
		// defines weakly (qsort, the kernel's sort): its own wins, as over libc.a or
		// a header the real build would not have included. The library's copy is
		// then unreferenced and not linked.
		if (m_scopes.front().names.count(d.name) && m_scopes.front().names[d.name] == it->second)
			m_scopes.front().names.erase(d.name);
		m_functions.erase(it);
		it = m_functions.end();
	}
	if (it != m_functions.end()) {
		s = it->second;
		if (!same_type(s->type, t)) {
			error(d.loc, fmt::format("conflicting types for '{}'", d.name), d.len);
			m_diags.note(s->loc, "previous declaration is here", s->length);
		} else if (t->prototyped && !s->type->prototyped) {
			s->type = t;
		}
		if (ds.sc == StorageClass::Static && !s->is_static && s->defined)
			error(d.loc, fmt::format("static declaration of '{}' follows non-static declaration", d.name), d.len);
	} else {
		Symbol* other = m_scopes.front().names.count(d.name) ? m_scopes.front().names[d.name] : nullptr;
		if (other && other->kind != SymKind::Func) {
			error(d.loc, fmt::format("redefinition of '{}' as a different kind of symbol", d.name), d.len);
			m_diags.note(other->loc, "previous definition is here", other->length);
		}
		s = new_symbol(SymKind::Func, d, t);
		s->is_static = ds.sc == StorageClass::Static;
		s->is_inline = ds.is_inline;
		s->is_weak = weak;
		if (auto id = abi::find_builtin(d.name); id && abi::visible_in(abi::builtin(*id).world, m_world))
			s->builtin = id;
		m_functions[d.name] = s;
		m_unit.functions_declared.push_back(s);
		if (!other)
			m_scopes.front().names[d.name] = s;
	}
	if (ds.sc == StorageClass::Static)
		s->is_static = true;
	m_scopes.back().names[d.name] = s;
	return s;
}

void Parser::function_definition(Symbol* f, const Declarator& d)
{
	if (f->defined) {
		error(d.loc, fmt::format("redefinition of '{}'", d.name), d.len);
		m_diags.note(f->loc, "previous definition is here", f->length);
		skip_block();
		return;
	}
	const Type* ft = f->type;
	const Type* rt = ft->base;
	if (rt->is_record() && !rt->is_complete())
		error(d.loc, fmt::format("incomplete result type '{}' in function definition", type_name(rt)), d.len);
	f->defined = true;
	f->loc = d.loc;
	f->length = d.len;
	// A definition's own parameter list (it may differ in names from a prototype).
	f->type = m_types.function(rt, ft->params, ft->variadic, true);
	FunctionDef* def = m_unit.new_def();
	def->sym = f;
	def->loc = d.loc;
	f->def = def;
	m_unit.functions.push_back(def);
	push_scope();
	for (const ParamDecl& p : d.params) {
		if (p.name.empty()) {
			error(p.loc, "parameter name omitted", p.len);
			continue;
		}
		if (p.type->is_record() && !p.type->is_complete())
			error(p.loc, fmt::format("variable has incomplete type '{}'", type_name(p.type)), p.len);
		if (m_scopes.back().names.count(p.name)) {
			error(p.loc, fmt::format("redefinition of parameter '{}'", p.name), p.len);
			continue;
		}
		if (p.type->is_float() && m_world == abi::World::Kernel)
			m_sema.float_error(p.loc);
		if (uses_star(p.type) || (p.decayed_count && m_star_counts.count(p.decayed_count)))
			error(d.loc, "'[*]' not allowed in other than function prototype scope", d.len);
		Symbol* s = p.sym ? p.sym : m_unit.new_symbol();
		s->kind = SymKind::Var;
		s->name = p.name;
		s->type = p.type;
		s->loc = p.loc;
		s->length = p.len;
		s->storage = Storage::Param;
		s->index = static_cast<uint32_t>(def->locals.size());
		def->params.push_back(s);
		def->param_decayed_counts.push_back(p.decayed_count);
		def->locals.push_back(s);
		m_scopes.back().names[p.name] = s;
	}
	m_fn = def;
	m_labels.clear();
	m_gotos.clear();
	m_loop_depth = 0;
	m_switches.clear();
	def->body = compound(false);
	def->end_loc = m_pos > 0 ? m_toks[m_pos - 1].loc : d.loc;
	for (const auto& [name, info] : m_gotos) {
		auto it = m_labels.find(name);
		if (it == m_labels.end() || !it->second.defined)
			error(info.loc, fmt::format("use of undeclared label '{}'", name), info.len);
	}
	m_fn = nullptr;
	pop_scope();
}

void Parser::object_declaration(const Declarator& d, const Type* t, const DeclSpec& ds, const Attrs& attrs, bool file_scope,
			std::vector<Stmt*>* out)
{
	m_pending_align = attrs.aligned;
	if (t->is_void()) {
		error(d.loc, fmt::format("variable '{}' has incomplete type 'void'", d.name), d.len);
		t = m_types.int_type();
	}
	bool is_extern = ds.sc == StorageClass::Extern;
	bool has_init = at(Tok::Assign);
	if (t->is_variably_modified() && !file_scope) {
		// C11 6.7.6.2p2 and 6.7.9p3, with gcc's words.
		if (is_extern || ds.sc == StorageClass::Static) {
			error(d.loc, is_extern ? "object with variably modified type must not have linkage"
					       : fmt::format("storage size of '{}' isn't constant", d.name),
			      d.len);
			t = m_types.int_type();
		} else if (has_init && t->is_vla()) {
			error(d.loc, "variable-sized object may not be initialized", d.len);
			advance();
			(void)initializer_raw(0);
			has_init = false;
		}
	}
	if (file_scope || is_extern) {
		global_object(d, t, ds, file_scope, has_init);
		return;
	}
	// Block scope.
	auto& names = m_scopes.back().names;
	if (names.count(d.name)) {
		error(d.loc, fmt::format("redefinition of '{}'", d.name), d.len);
		m_diags.note(names[d.name]->loc, "previous definition is here", names[d.name]->length);
	}
	Symbol* s = new_symbol(SymKind::Var, d, t);
	s->align = m_pending_align;
	if (ds.sc == StorageClass::Static) {
		s->storage = Storage::LocalStatic;
		s->defined = true;
		s->is_static = true;
		s->global_name = m_fn->sym->name + "." + d.name;
		names[d.name] = s;
		if (accept(Tok::Assign)) {
			RawInit* raw = initializer_raw(0);
			s->init = m_sema.initializer(s->type, raw, d.loc);
		}
		if (!s->type->is_complete())
			error(d.loc, fmt::format("variable has incomplete type '{}'", type_name(s->type)), d.len);
		m_unit.objects.push_back(s);
		return;
	}
	s->storage = Storage::Local;
	s->index = static_cast<uint32_t>(m_fn->locals.size());
	m_fn->locals.push_back(s);
	names[d.name] = s;
	Stmt* st = m_unit.new_stmt(StmtKind::Decl, d.loc);
	st->var = s;
	if (accept(Tok::Assign)) {
		RawInit* raw = initializer_raw(0);
		st->var_init = m_sema.initializer(s->type, raw, d.loc);
	}
	if (!s->type->is_complete()) {
		error(d.loc, fmt::format("variable has incomplete type '{}'", type_name(s->type)), d.len);
		s->type = m_types.int_type();
	}
	if (out)
		out->push_back(st);
}

void Parser::global_object(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool has_init)
{
	bool is_extern = ds.sc == StorageClass::Extern;
	if (!file_scope && has_init) {
		error(d.loc, "declaration of block scope identifier with linkage cannot have an initializer", d.len);
	}
	Symbol* s = nullptr;
	auto it = m_globals.find(d.name);
	if (it != m_globals.end()) {
		s = it->second;
		if (!same_type(s->type, t)) {
			error(d.loc, fmt::format("redefinition of '{}' with a different type: '{}' vs '{}'", d.name, type_name(t),
						 type_name(s->type)),
			      d.len);
			m_diags.note(s->loc, "previous definition is here", s->length);
		} else if (s->type->is_array() && s->type->unsized && !t->unsized) {
			s->type = t;
		}
	} else {
		if (file_scope) {
			Symbol* other = m_scopes.front().names.count(d.name) ? m_scopes.front().names[d.name] : nullptr;
			if (other) {
				error(d.loc, fmt::format("redefinition of '{}' as a different kind of symbol", d.name), d.len);
				m_diags.note(other->loc, "previous definition is here", other->length);
			}
		}
		s = new_symbol(SymKind::Var, d, t);
		s->global_name = d.name;
		s->storage = Storage::Extern;
		m_globals[d.name] = s;
		if (file_scope && !m_scopes.front().names.count(d.name))
			m_scopes.front().names[d.name] = s;
	}
	m_scopes.back().names[d.name] = s;
	s->align = std::max(s->align, m_pending_align);
	if (ds.sc == StorageClass::Static)
		s->is_static = true;
	if (is_extern && !has_init)
		return;
	// A definition (or a tentative one).
	if (!file_scope)
		return;
	s->storage = s->is_static ? Storage::Static : Storage::Global;
	if (has_init) {
		advance();
		if (s->init) {
			error(d.loc, fmt::format("redefinition of '{}'", d.name), d.len);
			m_diags.note(s->loc, "previous definition is here", s->length);
		}
		RawInit* raw = initializer_raw(0);
		const Type* ty = s->type;
		s->init = m_sema.initializer(ty, raw, d.loc);
		s->type = ty;
		s->loc = d.loc;
	}
	if (!s->defined) {
		s->defined = true;
		m_unit.objects.push_back(s);
	}
}

}  // namespace kctx::lang::parser
