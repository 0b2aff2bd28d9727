// Declaration specifiers: storage classes, type specifiers and qualifiers, GNU
// attributes, typeof, and struct/union/enum specifiers with their members.
#include "lang/ParserImpl.h"

#include <cstdlib>
#include <fmt/format.h>

namespace kctx::lang::parser {

void Parser::attributes(Attrs& a)
{
	while (at(Tok::KwAttribute) && !stopped()) {
		SourceLoc loc = tok().loc;
		advance();
		if (!expect(Tok::LParen, "after '__attribute__'") || !expect(Tok::LParen, "after '__attribute__('")) {
			sync_parens(1);
			continue;
		}
		// A comma-separated list of attributes, each a name with optional arguments.
		while (!at(Tok::RParen) && !at(Tok::Eof) && !stopped()) {
			if (at(Tok::Comma)) {
				advance();
				continue;
			}
			std::string name = tok().text;
			advance();
			if (name.size() > 4 && name.substr(0, 2) == "__" && name.substr(name.size() - 2) == "__")
				name = name.substr(2, name.size() - 4);
			if (name == "packed")
				a.packed = true;
			if (name == "weak")
				a.weak = true;
			if (at(Tok::LParen)) {
				size_t start = m_pos + 1;
				sync_parens(0);
				if (name == "aligned") {
					const Token& v = m_toks[start];
					if (v.kind == Tok::Number) {
						unsigned long n = std::strtoul(v.text.c_str(), nullptr, 0);
						if (n == 0 || (n & (n - 1)) != 0 || n > 4096)
							error(v.loc, "requested alignment is not a power of 2", v.length);
						else
							a.aligned = std::max<uint32_t>(a.aligned, static_cast<uint32_t>(n));
					} else {
						a.aligned = std::max<uint32_t>(a.aligned, 16);
					}
				}
			} else if (name == "aligned") {
				a.aligned = std::max<uint32_t>(a.aligned, 16);
			}
		}
		if (!expect(Tok::RParen) || !expect(Tok::RParen))
			error(loc, "malformed attribute list");
	}
}

// Skips a balanced parenthesized group starting at '(' (depth 0) or inside one.
void Parser::sync_parens(int depth)
{
	while (!at(Tok::Eof) && !stopped()) {
		if (at(Tok::LParen))
			depth++;
		else if (at(Tok::RParen)) {
			depth--;
			if (depth <= 0) {
				advance();
				return;
			}
		} else if (at(Tok::Semi) || at(Tok::LBrace) || at(Tok::RBrace)) {
			return;
		}
		advance();
	}
}

void Parser::skip_qualifiers(Attrs* a)
{
	Attrs dummy;
	while (!stopped()) {
		if (at(Tok::KwConst) || at(Tok::KwVolatile) || at(Tok::KwRestrict) || at(Tok::KwExtension)) {
			advance();
			continue;
		}
		if (at(Tok::KwAtomic) && !peek().is(Tok::LParen)) {
			advance();
			continue;
		}
		if (at(Tok::KwAttribute)) {
			attributes(a ? *a : dummy);
			continue;
		}
		if (at(Tok::KwAsm)) {   // asm labels on declarations: int x asm("name");
			advance();
			sync_parens(0);
			continue;
		}
		break;
	}
}

bool Parser::decl_spec(DeclSpec& ds, bool allow_storage)
{
	ds.loc = tok().loc;
	SpecScan scan;
	scan.type_loc = tok().loc;
	while (!stopped() && (storage_or_qualifier(ds, scan, allow_storage) || type_specifier(scan))) {
	}
	if (scan.named) {
		ds.type = scan.named;
		return true;
	}
	if (scan.basic.total() == 0) {
		ds.type = nullptr;
		return scan.any;
	}
	ds.type = basic_type(scan.basic, scan.type_loc);
	return true;
}

// Storage classes, function specifiers, qualifiers, attributes and _Alignas: the
// specifiers that say nothing about which type is declared.
bool Parser::storage_or_qualifier(DeclSpec& ds, SpecScan& scan, bool allow_storage)
{
	const Token& t = tok();
	switch (t.kind) {
	case Tok::KwTypedef: ds.sc = StorageClass::Typedef; break;
	case Tok::KwExtern: ds.sc = StorageClass::Extern; break;
	case Tok::KwStatic: ds.sc = StorageClass::Static; break;
	case Tok::KwAuto: ds.sc = StorageClass::Auto; break;
	case Tok::KwRegister: ds.sc = StorageClass::Register; break;
	case Tok::KwThreadLocal: error(t.loc, "kctx does not support _Thread_local yet", t.length); break;
	case Tok::KwInline:
	case Tok::KwNoreturn:
		ds.is_inline = ds.is_inline || t.kind == Tok::KwInline;
		advance();
		scan.any = true;
		return true;
	case Tok::KwConst:
	case Tok::KwVolatile:
	case Tok::KwRestrict:
	case Tok::KwExtension:
		advance();
		scan.any = true;
		return true;
	case Tok::KwAtomic:
		error(t.loc, "kctx does not support _Atomic yet", t.length);
		advance();
		if (at(Tok::LParen))
			sync_parens(0);
		return true;
	case Tok::KwAttribute:
		attributes(ds.attrs);
		scan.any = true;
		return true;
	case Tok::KwAlignas:
		alignas_spec(ds);
		scan.any = true;
		return true;
	default: return false;
	}
	// A storage class.
	if (!allow_storage)
		error(t.loc, fmt::format("storage class '{}' is not allowed here", t.text), t.length);
	scan.any = true;
	advance();
	return true;
}

// The basic type keywords (counted, combined by basic_type()) and the specifiers that
// name a type on their own: struct, union, enum, typeof, va_list and typedef names.
bool Parser::type_specifier(SpecScan& scan)
{
	const Token& t = tok();
	BasicSpecs& n = scan.basic;
	switch (t.kind) {
	case Tok::KwVoid: n.n_void++; break;
	case Tok::KwBool: n.n_bool++; break;
	case Tok::KwChar: n.n_char++; break;
	case Tok::KwShort: n.n_short++; break;
	case Tok::KwInt: n.n_int++; break;
	case Tok::KwLong: n.n_long++; break;
	case Tok::KwSigned: n.n_signed++; break;
	case Tok::KwUnsigned: n.n_unsigned++; break;
	case Tok::KwFloat: n.n_float++; break;
	case Tok::KwDouble: n.n_double++; break;
	case Tok::KwComplex:
	case Tok::KwImaginary: error(t.loc, "kctx does not support complex types yet", t.length); break;
	case Tok::KwInt128: error(t.loc, "kctx does not support __int128 yet", t.length); break;
	case Tok::KwBuiltinVaList:
		if (scan.named || n.total())
			error(t.loc, "cannot combine with previous declaration specifier", t.length);
		scan.named = m_types.va_list_type();
		scan.type_loc = t.loc;
		advance();
		scan.any = true;
		return true;
	case Tok::KwStruct:
	case Tok::KwUnion:
		if (scan.named || n.total())
			error(t.loc, "cannot combine with previous declaration specifier", t.length);
		scan.type_loc = t.loc;
		scan.named = record_spec();
		scan.any = true;
		return true;
	case Tok::KwEnum:
		scan.type_loc = t.loc;
		scan.named = enum_spec();
		scan.any = true;
		return true;
	case Tok::KwTypeof:
		scan.type_loc = t.loc;
		scan.named = typeof_spec();
		scan.any = true;
		return true;
	case Tok::Ident: {
		if (scan.named || n.total())
			return false;
		Symbol* s = lookup(t.text);
		if (!s || s->kind != SymKind::Typedef)
			return false;
		scan.named = s->type;
		scan.type_loc = t.loc;
		advance();
		scan.any = true;
		return true;
	}
	default: return false;
	}
	// A basic type keyword (or an unsupported one).
	scan.type_loc = t.loc;
	scan.any = true;
	advance();
	return true;
}

// _Alignas(type) or _Alignas(constant-expression).
void Parser::alignas_spec(DeclSpec& ds)
{
	advance();
	if (!expect(Tok::LParen, "after '_Alignas'"))
		return;
	if (is_type_start(tok())) {
		const Type* at_ = type_name_();
		ds.attrs.aligned = std::max(ds.attrs.aligned, at_ ? at_->align() : 1u);
	} else {
		Expr* e = cond_expr();
		auto v = m_sema.const_int(e);
		if (!v || *v <= 0 || (*v & (*v - 1)) != 0)
			error(e->loc, "requested alignment is not a positive power of 2");
		else
			ds.attrs.aligned = std::max<uint32_t>(ds.attrs.aligned, static_cast<uint32_t>(*v));
	}
	expect(Tok::RParen);
}

// The type that a (non-empty) set of basic type keywords names; int, after an error, when
// they do not combine.
const Type* Parser::basic_type(const BasicSpecs& n, SourceLoc loc)
{
	int total = n.total();
	auto bad = [&]() {
		error(loc, "invalid combination of type specifiers");
		return m_types.int_type();
	};
	if (n.n_signed && n.n_unsigned)
		return bad();
	if (n.n_void)
		return total != 1 ? bad() : m_types.void_type();
	if (n.n_bool)
		return total != 1 ? bad() : m_types.basic(TypeKind::Bool);
	if (n.n_float || n.n_double) {
		if (m_world == abi::World::Kernel)
			m_sema.float_error(loc);
		if (n.n_double == 1 && n.n_long == 1 && total == 2)
			return m_types.basic(TypeKind::LongDouble);
		if (total != 1)
			return bad();
		return m_types.basic(n.n_float ? TypeKind::Float : TypeKind::Double);
	}
	if (n.n_char) {
		if (n.n_char > 1 || n.n_short || n.n_long || n.n_int)
			return bad();
		return m_types.basic(n.n_signed ? TypeKind::SChar : n.n_unsigned ? TypeKind::UChar : TypeKind::Char);
	}
	if (n.n_short) {
		if (n.n_short > 1 || n.n_long || n.n_int > 1)
			return bad();
		return m_types.basic(n.n_unsigned ? TypeKind::UShort : TypeKind::Short);
	}
	if (n.n_int > 1 || n.n_long > 2)
		return bad();
	if (n.n_long == 2)
		return m_types.basic(n.n_unsigned ? TypeKind::ULongLong : TypeKind::LongLong);
	if (n.n_long == 1)
		return m_types.basic(n.n_unsigned ? TypeKind::ULong : TypeKind::Long);
	return m_types.basic(n.n_unsigned ? TypeKind::UInt : TypeKind::Int);
}

const Type* Parser::typeof_spec()
{
	advance();
	if (!expect(Tok::LParen, "after 'typeof'"))
		return m_types.int_type();
	const Type* t = nullptr;
	if (is_type_start(tok())) {
		t = type_name_();
	} else {
		Expr* e = expr();
		t = e->type;
	}
	expect(Tok::RParen);
	return t ? t : m_types.int_type();
}

const Type* Parser::record_spec()
{
	bool is_union = at(Tok::KwUnion);
	SourceLoc kw_loc = tok().loc;
	advance();
	Attrs attrs;
	attributes(attrs);
	std::string tag;
	SourceLoc tag_loc = kw_loc;
	uint32_t tag_len = 1;
	if (at(Tok::Ident)) {
		tag = tok().text;
		tag_loc = tok().loc;
		tag_len = tok().length;
		advance();
	}
	attributes(attrs);
	const char* kw = is_union ? "union" : "struct";
	if (!at(Tok::LBrace)) {
		if (tag.empty()) {
			error_at_tok(fmt::format("expected identifier or '{{' after '{}'", kw));
			return m_types.int_type();
		}
		return record_tag_use(is_union, tag, tag_loc, tag_len);
	}
	Type* t = record_to_define(is_union, tag, tag_loc, tag_len);
	Nest nest(*this);
	if (!nest.ok)
		return t;
	advance();   // '{'
	Record& r = *t->record;
	std::vector<Field> fields;
	while (!at(Tok::RBrace) && !at(Tok::Eof) && !stopped())
		member_declaration(fields);
	expect(Tok::RBrace, fmt::format("to end the {} definition", kw).c_str());
	attributes(attrs);
	check_members(fields, attrs.packed);
	r.fields = std::move(fields);
	TypeContext::layout_record(r, attrs.packed, attrs.aligned);
	return t;
}

// `struct tag` without a body: the tag in scope, or a new incomplete one.
Type* Parser::record_tag_use(bool is_union, const std::string& tag, SourceLoc tag_loc, uint32_t tag_len)
{
	// A declaration of just the tag declares it in this scope.
	bool only_tag = at(Tok::Semi);
	Type* t = lookup_tag(tag, only_tag);
	if (t) {
		if (t->kind != (is_union ? TypeKind::Union : TypeKind::Struct))
			error(tag_loc, fmt::format("use of '{}' with tag type that does not match previous declaration", tag),
			      tag_len);
		return t;
	}
	t = m_types.new_record(is_union, tag, tag_loc);
	m_scopes.back().tags[tag] = t;
	return t;
}

// The record a body defines: an incomplete one declared in this scope under the same tag,
// else a new one (also after a mismatch or a redefinition, which are errors).
Type* Parser::record_to_define(bool is_union, const std::string& tag, SourceLoc tag_loc, uint32_t tag_len)
{
	Type* t = nullptr;
	if (!tag.empty()) {
		t = lookup_tag(tag, true);
		if (t && (t->kind != (is_union ? TypeKind::Union : TypeKind::Struct))) {
			error(tag_loc, fmt::format("use of '{}' with tag type that does not match previous declaration", tag), tag_len);
			t = nullptr;
		}
		if (t && t->record->complete) {
			error(tag_loc, fmt::format("redefinition of '{} {}'", is_union ? "union" : "struct", tag), tag_len);
			t = nullptr;
		}
	}
	if (!t) {
		t = m_types.new_record(is_union, tag, tag_loc);
		if (!tag.empty())
			m_scopes.back().tags[tag] = t;
	}
	return t;
}

// One declaration in a struct or union body, with all its declarators, or a
// _Static_assert or a stray ';'.
void Parser::member_declaration(std::vector<Field>& fields)
{
	size_t before = m_pos;
	if (at(Tok::KwStaticAssert)) {
		static_assert_decl();
		return;
	}
	if (accept(Tok::Semi))
		return;
	DeclSpec ds;
	if (!decl_spec(ds, false) || !ds.type) {
		error_at_tok("expected a member declaration (type name)");
		sync_stmt();
		if (m_pos == before)
			advance();
		return;
	}
	if (at(Tok::Semi)) {
		if (ds.type->is_record() && ds.type->record->tag.empty()) {
			fields.push_back({"", ds.type, 0, ds.loc, ds.attrs.aligned});
		} else if (ds.type->is_record()) {
			fields.push_back({"", ds.type, 0, ds.loc, ds.attrs.aligned});   // GNU/MS: a tagged anonymous member
		} else {
			warning(ds.loc, "declaration does not declare anything");
		}
		advance();
		return;
	}
	while (!stopped()) {
		member_declarator(ds, fields);
		if (!accept(Tok::Comma))
			break;
	}
	if (!expect(Tok::Semi, "at end of declaration list"))
		sync_stmt();
}

// One member's declarator and bit-field width, checked and added to fields.
void Parser::member_declarator(const DeclSpec& ds, std::vector<Field>& fields)
{
	Declarator d;
	const Type* ft = ds.type;
	if (at(Tok::Colon))
		d.loc = tok().loc;   // an unnamed bit-field
	else
		ft = declarator(ds.type, d, false);
	Attrs fattrs = ds.attrs;
	skip_qualifiers(&fattrs);
	bool is_bitfield = false;
	uint8_t width = 0;
	if (at(Tok::Colon)) {
		if (auto w = bitfield_width(d, ft)) {
			is_bitfield = true;
			width = *w;
		}
		skip_qualifiers(&fattrs);
	}
	if (ft->is_function()) {
		error(d.loc, fmt::format("field '{}' declared as a function", d.name), d.len);
		ft = m_types.pointer_to(ft);
	}
	bool flexible = ft->is_array() && ft->unsized;
	if (!flexible && !ft->is_complete()) {
		error(d.loc, fmt::format("field '{}' has incomplete type '{}'", d.name, type_name(ft)), d.len);
		ft = m_types.int_type();
	}
	for (const Field& f : fields)
		if (!d.name.empty() && f.name == d.name) {
			error(d.loc, fmt::format("duplicate member '{}'", d.name), d.len);
			break;
		}
	if (ft->is_variably_modified()) {
		error(d.loc, "fields must have a constant size: 'variable length array in structure' extension will never be supported", d.len);
		ft = m_types.int_type();
	}
	Field field{d.name, ft, 0, d.loc, fattrs.aligned};
	field.is_bitfield = is_bitfield;
	field.bit_width = width;
	if (is_bitfield || !d.name.empty())
		fields.push_back(field);
}

// `: width` after a member's declarator: the width, or nothing after an error (the
// member is then an ordinary one, or dropped when it has no name).
std::optional<uint8_t> Parser::bitfield_width(const Declarator& d, const Type* ft)
{
	SourceLoc cloc = tok().loc;
	advance();
	Expr* w = cond_expr();
	auto v = m_sema.const_int(w);
	std::string what = d.name.empty() ? "anonymous bit-field" : fmt::format("bit-field '{}'", d.name);
	if (!ft->is_integer())
		error(d.loc, fmt::format("{} has non-integral type '{}'", what, type_name(ft)), d.len);
	else if (!v)
		error(w->loc, "bit-field width is not an integer constant expression", w->length);
	else if (*v < 0)
		error(w->loc, fmt::format("{} has negative width ({})", what, *v), w->length);
	else if (static_cast<uint64_t>(*v) > ft->size() * 8 || (ft->is_bool() && *v > 1))
		error(w->loc, fmt::format("width of {} ({} bits) exceeds the width of its type ({} bit{})", what, *v,
					  ft->is_bool() ? 1 : ft->size() * 8, ft->is_bool() ? "" : "s"),
		      w->length);
	else if (*v == 0 && !d.name.empty())
		error(cloc, fmt::format("named bit-field '{}' has zero width", d.name));
	else
		return static_cast<uint8_t>(*v);
	return std::nullopt;
}

// Checks on the members as a whole, once the body is complete.
void Parser::check_members(const std::vector<Field>& fields, bool packed)
{
	for (size_t i = 0; i + 1 < fields.size(); i++)
		if (fields[i].type->is_array() && fields[i].type->unsized)
			error(fields[i].loc, "flexible array member must be the last member");
	if (packed)
		for (const Field& f : fields)
			if (f.is_bitfield) {
				error(f.loc, "kctx does not support bit-fields in packed structures yet");
				break;
			}
}

const Type* Parser::enum_spec()
{
	advance();
	Attrs attrs;
	attributes(attrs);
	std::string tag;
	SourceLoc tag_loc = tok().loc;
	if (at(Tok::Ident)) {
		tag = tok().text;
		advance();
	}
	attributes(attrs);
	if (!at(Tok::LBrace)) {
		if (tag.empty()) {
			error_at_tok("expected identifier or '{' after 'enum'");
			return m_types.int_type();
		}
		Type* t = lookup_tag(tag);
		if (t && t->kind == TypeKind::Enum)
			return t;
		if (t) {
			error(tag_loc, fmt::format("use of '{}' with tag type that does not match previous declaration", tag));
			return m_types.int_type();
		}
		t = m_types.new_enum(tag);
		m_scopes.back().tags[tag] = t;
		return t;
	}
	Type* t = nullptr;
	if (!tag.empty()) {
		t = lookup_tag(tag, true);
		if (t && (t->kind != TypeKind::Enum || t->enumeration->complete)) {
			error(tag_loc, fmt::format("redefinition of 'enum {}'", tag));
			t = nullptr;
		}
	}
	if (!t) {
		t = m_types.new_enum(tag);
		if (!tag.empty())
			m_scopes.back().tags[tag] = t;
	}
	advance();   // '{'
	int64_t next = 0;
	int64_t lo = 0, hi = 0;
	std::vector<Symbol*> consts;
	while (!at(Tok::RBrace) && !at(Tok::Eof) && !stopped()) {
		if (!at(Tok::Ident)) {
			error_at_tok("expected identifier in enumerator list");
			sync_stmt();
			break;
		}
		const Token name = tok();
		advance();
		attributes(attrs);
		if (accept(Tok::Assign)) {
			Expr* e = cond_expr();
			auto v = m_sema.const_int(e);
			if (!v)
				error(e->loc, "expression is not an integer constant expression", e->length);
			else
				next = *v;
		}
		Symbol* prev = m_scopes.back().names.count(name.text) ? m_scopes.back().names[name.text] : nullptr;
		if (prev)
			error(name.loc, fmt::format("redefinition of '{}'", name.text), name.length);
		Symbol* s = m_unit.new_symbol();
		s->kind = SymKind::EnumConst;
		s->name = name.text;
		s->loc = name.loc;
		s->length = name.length;
		s->enum_value = next;
		// Inside the list an enumerator already names a constant of type int (or
		// of its value's type when int cannot hold it), so a later initializer can
		// use it: enum { A = 1, B = A + 10 }. The final type is set after the '}'.
		s->type = next >= INT32_MIN && next <= INT32_MAX ? m_types.int_type() : m_types.basic(TypeKind::Long);
		consts.push_back(s);
		m_scopes.back().names[name.text] = s;
		lo = std::min(lo, next);
		hi = std::max(hi, next);
		next++;
		if (!accept(Tok::Comma))
			break;
	}
	expect(Tok::RBrace, "to end the enum definition");
	attributes(attrs);
	// gcc's choice of underlying type (c-decl.cc finish_enum): unsigned int when no
	// value is negative, int otherwise, and the 64-bit type of that signedness when
	// 32 bits cannot hold them all.
	TypeKind k = lo >= 0 ? (hi <= static_cast<int64_t>(UINT32_MAX) ? TypeKind::UInt : TypeKind::ULong)
			     : (lo >= INT32_MIN && hi <= INT32_MAX ? TypeKind::Int : TypeKind::Long);
	t->enumeration->underlying = k;
	t->enumeration->complete = true;
	t->size_ = t->align_ = k == TypeKind::UInt || k == TypeKind::Int ? 4 : 8;
	// Each constant is an int when its value fits in int, else of the enum type.
	for (Symbol* s : consts) {
		bool fits = s->enum_value >= INT32_MIN && s->enum_value <= INT32_MAX;
		s->type = fits ? m_types.int_type() : t;
		s->enum_value = Sema::normalize(s->enum_value, s->type);
	}
	return t;
}

}  // namespace kctx::lang::parser
