#include "lang/Parser.h"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "abi/Prelude.h"
#include "lang/Limits.h"
#include "lang/Precedence.h"
#include "lang/Sema.h"

namespace kctx::lang {

namespace {

enum class StorageClass : uint8_t { None, Typedef, Extern, Static, Auto, Register };

struct Attrs {
	bool packed = false;
	uint32_t aligned = 0;
	bool weak = false;   // a function the program may define itself (the preludes' library)
};

struct DeclSpec {
	const Type* type = nullptr;
	StorageClass sc = StorageClass::None;
	bool is_inline = false;
	SourceLoc loc;
	Attrs attrs;
};

struct ParamDecl {
	std::string name;
	SourceLoc loc;
	uint32_t len = 1;
	const Type* type = nullptr;
	// The parameter's object, declared in the prototype scope as it is parsed so that
	// later parameters' array sizes can name it (`int n, int m[n][n]`, C11 6.2.1p4); a
	// definition's body uses the same symbol, which its VLA sizes refer to.
	Symbol* sym = nullptr;
	// `int a[n]` is adjusted to `int *a`, but a definition still evaluates n on entry.
	const Expr* decayed_count = nullptr;
};

struct Declarator {
	std::string name;
	SourceLoc loc;
	uint32_t len = 1;
	std::vector<ParamDecl> params;   // of the function this declarator names, if it is one
	bool has_params = false;
};

struct Scope {
	std::unordered_map<std::string, Symbol*> names;
	std::unordered_map<std::string, Type*> tags;
};

struct LabelInfo {
	bool defined = false;
	SourceLoc loc;
	uint32_t len = 1;
};

// Counts nesting and reports the limit once.
class Parser;

class Parser {
public:
	Parser(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude)
		: m_toks(std::move(tokens)), m_world(world), m_types(types), m_unit(unit), m_diags(diags),
		  m_sema(types, unit, diags, world), m_have_prelude(have_prelude)
	{
		static const std::unordered_map<std::string_view, Tok> kKeywords = {
#define KCTX_X(name, spelling) {spelling, Tok::name},
			KCTX_KEYWORDS(KCTX_X)
#undef KCTX_X
		};
		for (Token& t : m_toks) {
			if (t.kind != Tok::Ident)
				continue;
			auto it = kKeywords.find(t.text);
			if (it != kKeywords.end())
				t.kind = it->second;
		}
		if (m_toks.empty() || m_toks.back().kind != Tok::Eof) {
			Token eof;
			eof.kind = Tok::Eof;
			m_toks.push_back(eof);
		}
		m_eof = m_toks.back();
		m_scopes.emplace_back();
	}

	bool run()
	{
		while (!at(Tok::Eof) && !stopped()) {
			size_t before = m_pos;
			external_declaration();
			if (m_pos == before && !stopped())
				advance();
		}
		if (error_count(m_diags) >= kMaxErrors && !m_reported_limit) {
			m_reported_limit = true;
			m_diags.note(tok().loc, "too many errors emitted, stopping now");
		}
		if (!stopped())
			check_undefined_functions();
		return error_count(m_diags) == 0;
	}

private:
	// ---- tokens ----
	[[nodiscard]] bool stopped() const { return m_stop || error_count(m_diags) >= kMaxErrors; }
	[[nodiscard]] const Token& tok() const { return stopped() ? m_eof : m_toks[m_pos]; }
	[[nodiscard]] const Token& peek(size_t n = 1) const
	{
		if (stopped())
			return m_eof;
		return m_pos + n < m_toks.size() ? m_toks[m_pos + n] : m_toks.back();
	}
	[[nodiscard]] bool at(Tok k) const { return tok().kind == k; }
	void advance()
	{
		if (m_pos + 1 < m_toks.size())
			m_pos++;
	}
	bool accept(Tok k)
	{
		if (at(k)) {
			advance();
			return true;
		}
		return false;
	}
	std::string describe(const Token& t) const
	{
		if (t.kind == Tok::Eof)
			return "end of file";
		return "'" + t.text + "'";
	}
	bool expect(Tok k, const char* context = nullptr)
	{
		if (accept(k))
			return true;
		const Token& t = tok();
		std::string msg = fmt::format("expected '{}'", tok_spelling(k));
		if (context)
			msg += fmt::format(" {}", context);
		if (t.kind == Tok::Other)
			msg = stray_message(t);
		// Point just after the previous token for a missing ';', like clang.
		if (k == Tok::Semi && m_pos > 0 && t.kind != Tok::Other && m_toks[m_pos - 1].loc.file == t.loc.file) {
			const Token& p = m_toks[m_pos - 1];
			error(SourceLoc{p.loc.file, p.loc.line, p.loc.col + p.length}, msg);
			return false;
		}
		error(t.loc, msg, t.length);
		return false;
	}
	static std::string stray_message(const Token& t)
	{
		if (!t.text.empty() && (t.text[0] == '\'' || t.text[0] == '"' || t.text.back() == '\'' || t.text.back() == '"'))
			return fmt::format("missing terminating {} character", t.text.find('"') != std::string::npos ? '"' : '\'');
		unsigned char c = t.text.empty() ? 0 : static_cast<unsigned char>(t.text[0]);
		if (c < 0x20 || c >= 0x7f)
			return fmt::format("invalid character 0x{:02x} in source file", c);
		return fmt::format("stray '{}' in program", t.text);
	}
	void error(SourceLoc loc, std::string msg, uint32_t len = 1)
	{
		if (stopped())
			return;
		m_diags.error(loc, std::move(msg), len);
	}
	void warning(SourceLoc loc, std::string msg, uint32_t len = 1)
	{
		if (stopped())
			return;
		m_diags.warning(loc, std::move(msg), len);
	}
	void error_at_tok(const std::string& msg)
	{
		const Token& t = tok();
		if (t.kind == Tok::Other)
			error(t.loc, stray_message(t), t.length);
		else
			error(t.loc, msg, t.length);
	}

	// Skips to just after the next ';' (or to a '}' that closes the current block),
	// balancing brackets on the way.
	void sync_stmt()
	{
		int depth = 0;
		while (!at(Tok::Eof) && !stopped()) {
			Tok k = tok().kind;
			if (k == Tok::LParen || k == Tok::LBracket || k == Tok::LBrace)
				depth++;
			else if (k == Tok::RParen || k == Tok::RBracket)
				depth = std::max(0, depth - 1);
			else if (k == Tok::RBrace) {
				if (depth == 0)
					return;
				depth--;
				if (depth == 0) {
					advance();
					if (at(Tok::Semi))
						advance();
					return;
				}
			} else if (k == Tok::Semi && depth == 0) {
				advance();
				return;
			}
			advance();
		}
	}

	// ---- nesting ----
	// Statements, blocks, declarators and initializers count in one budget, parentheses,
	// brackets and operator chains in another; each allows kMaxNesting levels.
	enum class NestKind : uint8_t { Stmt, Expr };
	struct Nest {
		Parser& p;
		uint32_t& depth;
		bool ok;
		explicit Nest(Parser& parser, NestKind kind = NestKind::Stmt)
			: p(parser), depth(kind == NestKind::Expr ? parser.m_expr_depth : parser.m_depth),
			  ok(++depth <= kMaxNesting)
		{
			if (!ok && !p.m_stop) {
				p.error(p.tok().loc, kind == NestKind::Expr
							     ? "nesting too deep: kctx allows 256 levels of parentheses and brackets"
							     : "nesting too deep: kctx allows 256 levels of nested statements and blocks");
				p.m_stop = true;
			}
		}
		~Nest() { depth--; }
	};

	// ---- scopes ----
	void push_scope() { m_scopes.emplace_back(); }
	void pop_scope() { m_scopes.pop_back(); }
	Symbol* lookup(const std::string& name) const
	{
		for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
			auto f = it->names.find(name);
			if (f != it->names.end())
				return f->second;
		}
		return nullptr;
	}
	Type* lookup_tag(const std::string& name, bool current_only = false) const
	{
		for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
			auto f = it->tags.find(name);
			if (f != it->tags.end())
				return f->second;
			if (current_only)
				break;
		}
		return nullptr;
	}
	bool is_typedef_name(const Token& t) const
	{
		if (t.kind != Tok::Ident)
			return false;
		Symbol* s = lookup(t.text);
		return s && s->kind == SymKind::Typedef;
	}
	bool is_type_start(const Token& t) const
	{
		switch (t.kind) {
		case Tok::KwVoid: case Tok::KwChar: case Tok::KwShort: case Tok::KwInt: case Tok::KwLong:
		case Tok::KwFloat: case Tok::KwDouble: case Tok::KwSigned: case Tok::KwUnsigned: case Tok::KwBool:
		case Tok::KwStruct: case Tok::KwUnion: case Tok::KwEnum: case Tok::KwConst: case Tok::KwVolatile:
		case Tok::KwRestrict: case Tok::KwTypeof: case Tok::KwAttribute: case Tok::KwAtomic:
		case Tok::KwInline: case Tok::KwStatic: case Tok::KwExtern: case Tok::KwTypedef: case Tok::KwRegister:
		case Tok::KwAuto: case Tok::KwNoreturn: case Tok::KwAlignas: case Tok::KwThreadLocal: case Tok::KwComplex:
		case Tok::KwInt128: case Tok::KwBuiltinVaList: case Tok::KwImaginary:
			return true;
		case Tok::KwExtension: return is_type_start(peek());
		case Tok::Ident: return is_typedef_name(t);
		default: return false;
		}
	}

	static std::string unknown_type_message(const std::string& name)
	{
		if (name == "va_list" || name == "__gnuc_va_list")
			return fmt::format("unknown type name '{}' (add #include <stdarg.h>, or <linux/stdarg.h> in a module)", name);
		return fmt::format("unknown type name '{}'", name);
	}

	// ---- attributes ----
	void attributes(Attrs& a)
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
	void sync_parens(int depth)
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
	void skip_qualifiers(Attrs* a = nullptr)
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

	// ---- declaration specifiers ----
	bool decl_spec(DeclSpec& ds, bool allow_storage)
	{
		ds.loc = tok().loc;
		int n_void = 0, n_bool = 0, n_char = 0, n_short = 0, n_int = 0, n_long = 0, n_signed = 0, n_unsigned = 0,
		    n_float = 0, n_double = 0;
		const Type* named = nullptr;
		bool any = false;
		SourceLoc type_loc = tok().loc;
		while (!stopped()) {
			const Token& t = tok();
			bool storage = false;
			switch (t.kind) {
			case Tok::KwTypedef: ds.sc = StorageClass::Typedef; storage = true; break;
			case Tok::KwExtern: ds.sc = StorageClass::Extern; storage = true; break;
			case Tok::KwStatic: ds.sc = StorageClass::Static; storage = true; break;
			case Tok::KwAuto: ds.sc = StorageClass::Auto; storage = true; break;
			case Tok::KwRegister: ds.sc = StorageClass::Register; storage = true; break;
			case Tok::KwThreadLocal:
				error(t.loc, "kctx does not support _Thread_local yet", t.length);
				storage = true;
				break;
			case Tok::KwInline:
			case Tok::KwNoreturn:
				ds.is_inline = ds.is_inline || t.kind == Tok::KwInline;
				advance();
				any = true;
				continue;
			case Tok::KwConst:
			case Tok::KwVolatile:
			case Tok::KwRestrict:
			case Tok::KwExtension:
				advance();
				any = true;
				continue;
			case Tok::KwAtomic:
				error(t.loc, "kctx does not support _Atomic yet", t.length);
				advance();
				if (at(Tok::LParen))
					sync_parens(0);
				continue;
			case Tok::KwAttribute:
				attributes(ds.attrs);
				any = true;
				continue;
			case Tok::KwAlignas: {
				advance();
				if (!expect(Tok::LParen, "after '_Alignas'"))
					continue;
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
				any = true;
				continue;
			}
			case Tok::KwVoid: n_void++; break;
			case Tok::KwBool: n_bool++; break;
			case Tok::KwChar: n_char++; break;
			case Tok::KwShort: n_short++; break;
			case Tok::KwInt: n_int++; break;
			case Tok::KwLong: n_long++; break;
			case Tok::KwSigned: n_signed++; break;
			case Tok::KwUnsigned: n_unsigned++; break;
			case Tok::KwFloat: n_float++; break;
			case Tok::KwDouble: n_double++; break;
			case Tok::KwComplex:
			case Tok::KwImaginary:
				error(t.loc, "kctx does not support complex types yet", t.length);
				break;
			case Tok::KwInt128:
				error(t.loc, "kctx does not support __int128 yet", t.length);
				break;
			case Tok::KwBuiltinVaList:
				if (named || n_void + n_bool + n_char + n_short + n_int + n_long + n_signed + n_unsigned + n_float + n_double)
					error(t.loc, "cannot combine with previous declaration specifier", t.length);
				named = m_types.va_list_type();
				type_loc = t.loc;
				advance();
				any = true;
				continue;
			case Tok::KwStruct:
			case Tok::KwUnion:
				if (named || n_void + n_bool + n_char + n_short + n_int + n_long + n_signed + n_unsigned + n_float + n_double) {
					error(t.loc, "cannot combine with previous declaration specifier", t.length);
				}
				type_loc = t.loc;
				named = record_spec();
				any = true;
				continue;
			case Tok::KwEnum:
				type_loc = t.loc;
				named = enum_spec();
				any = true;
				continue;
			case Tok::KwTypeof: {
				type_loc = t.loc;
				named = typeof_spec();
				any = true;
				continue;
			}
			case Tok::Ident: {
				if (named || n_void + n_bool + n_char + n_short + n_int + n_long + n_signed + n_unsigned + n_float + n_double)
					goto done;
				Symbol* s = lookup(t.text);
				if (!s || s->kind != SymKind::Typedef)
					goto done;
				named = s->type;
				type_loc = t.loc;
				advance();
				any = true;
				continue;
			}
			default: goto done;
			}
			if (storage && !allow_storage)
				error(t.loc, fmt::format("storage class '{}' is not allowed here", t.text), t.length);
			if (!storage)
				type_loc = t.loc;
			any = true;
			advance();
		}
	done:
		int total = n_void + n_bool + n_char + n_short + n_int + n_long + n_signed + n_unsigned + n_float + n_double;
		if (named) {
			ds.type = named;
			return true;
		}
		if (total == 0) {
			ds.type = nullptr;
			return any;
		}
		auto bad = [&]() {
			error(type_loc, "invalid combination of type specifiers");
			ds.type = m_types.int_type();
			return true;
		};
		if (n_signed && n_unsigned)
			return bad();
		if (n_void) {
			if (total != 1)
				return bad();
			ds.type = m_types.void_type();
			return true;
		}
		if (n_bool) {
			if (total != 1)
				return bad();
			ds.type = m_types.basic(TypeKind::Bool);
			return true;
		}
		if (n_float || n_double) {
			if (m_world == abi::World::Kernel)
				m_sema.float_error(type_loc);
			if (n_double == 1 && n_long == 1 && total == 2) {
				ds.type = m_types.basic(TypeKind::LongDouble);
				return true;
			}
			if (total != 1)
				return bad();
			ds.type = m_types.basic(n_float ? TypeKind::Float : TypeKind::Double);
			return true;
		}
		if (n_char) {
			if (n_char > 1 || n_short || n_long || n_int)
				return bad();
			ds.type = m_types.basic(n_signed ? TypeKind::SChar : n_unsigned ? TypeKind::UChar : TypeKind::Char);
			return true;
		}
		if (n_short) {
			if (n_short > 1 || n_long || n_int > 1)
				return bad();
			ds.type = m_types.basic(n_unsigned ? TypeKind::UShort : TypeKind::Short);
			return true;
		}
		if (n_int > 1 || n_long > 2)
			return bad();
		if (n_long == 2)
			ds.type = m_types.basic(n_unsigned ? TypeKind::ULongLong : TypeKind::LongLong);
		else if (n_long == 1)
			ds.type = m_types.basic(n_unsigned ? TypeKind::ULong : TypeKind::Long);
		else
			ds.type = m_types.basic(n_unsigned ? TypeKind::UInt : TypeKind::Int);
		return true;
	}

	const Type* typeof_spec()
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

	const Type* record_spec()
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
			// A declaration of just the tag declares it in this scope.
			bool only_tag = at(Tok::Semi);
			Type* t = lookup_tag(tag, only_tag);
			if (t) {
				if (t->kind != (is_union ? TypeKind::Union : TypeKind::Struct)) {
					error(tag_loc, fmt::format("use of '{}' with tag type that does not match previous declaration", tag),
					      tag_len);
					return t;
				}
				return t;
			}
			t = m_types.new_record(is_union, tag, tag_loc);
			m_scopes.back().tags[tag] = t;
			return t;
		}
		Type* t = nullptr;
		if (!tag.empty()) {
			t = lookup_tag(tag, true);
			if (t && (t->kind != (is_union ? TypeKind::Union : TypeKind::Struct))) {
				error(tag_loc, fmt::format("use of '{}' with tag type that does not match previous declaration", tag), tag_len);
				t = nullptr;
			}
			if (t && t->record->complete) {
				error(tag_loc, fmt::format("redefinition of '{} {}'", kw, tag), tag_len);
				t = nullptr;
			}
		}
		if (!t) {
			t = m_types.new_record(is_union, tag, tag_loc);
			if (!tag.empty())
				m_scopes.back().tags[tag] = t;
		}
		Nest nest(*this);
		if (!nest.ok)
			return t;
		advance();   // '{'
		Record& r = *t->record;
		std::vector<Field> fields;
		while (!at(Tok::RBrace) && !at(Tok::Eof) && !stopped()) {
			size_t before = m_pos;
			if (at(Tok::KwStaticAssert)) {
				static_assert_decl();
				continue;
			}
			if (accept(Tok::Semi))
				continue;
			DeclSpec ds;
			if (!decl_spec(ds, false) || !ds.type) {
				error_at_tok("expected a member declaration (type name)");
				sync_stmt();
				if (m_pos == before)
					advance();
				continue;
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
				continue;
			}
			while (!stopped()) {
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
					else {
						is_bitfield = true;
						width = static_cast<uint8_t>(*v);
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
				if (!accept(Tok::Comma))
					break;
			}
			if (!expect(Tok::Semi, "at end of declaration list"))
				sync_stmt();
		}
		expect(Tok::RBrace, fmt::format("to end the {} definition", kw).c_str());
		attributes(attrs);
		for (size_t i = 0; i + 1 < fields.size(); i++)
			if (fields[i].type->is_array() && fields[i].type->unsized)
				error(fields[i].loc, "flexible array member must be the last member");
		if (attrs.packed)
			for (const Field& f : fields)
				if (f.is_bitfield) {
					error(f.loc, "kctx does not support bit-fields in packed structures yet");
					break;
				}
		r.fields = std::move(fields);
		TypeContext::layout_record(r, attrs.packed, attrs.aligned);
		return t;
	}

	const Type* enum_spec()
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

	// ---- declarators ----
	bool nested_declarator_start(bool abstract_ok) const
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

	const Type* declarator(const Type* base, Declarator& d, bool abstract_ok)
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

	const Type* suffixes(const Type* base, Declarator* capture)
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
	bool uses_star(const Type* t) const
	{
		for (int depth = 0; t && (t->is_pointer() || t->is_array()) && depth < 256; depth++, t = t->base)
			if (t->is_vla() && m_star_counts.count(t->vla_count))
				return true;
		return false;
	}

	// A new symbol of `kind` for what declarator `d` names, typed `t`.
	Symbol* new_symbol(SymKind kind, const Declarator& d, const Type* t)
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
	Symbol* declare_param(const Declarator& pd, const Type* t)
	{
		if (pd.name.empty() || m_scopes.back().names.count(pd.name))
			return nullptr;   // function_definition() reports the duplicate
		Symbol* s = new_symbol(SymKind::Var, pd, t);
		s->storage = Storage::Param;
		m_scopes.back().names[pd.name] = s;
		return s;
	}

	const Type* type_name_()
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

	// ---- declarations ----
	void static_assert_decl()
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

	void external_declaration()
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
	void declaration(bool file_scope, std::vector<Stmt*>* out)
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

	void skip_block()
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
	void declare_typedef(const Declarator& d, const Type* t, std::vector<Stmt*>* out)
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

	Symbol* declare_function(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool weak)
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

	void function_definition(Symbol* f, const Declarator& d)
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

	void object_declaration(const Declarator& d, const Type* t, const DeclSpec& ds, const Attrs& attrs, bool file_scope,
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

	void global_object(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool has_init)
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

	// ---- initializers ----
	RawInit* initializer_raw(int depth)
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

	// ---- statements ----
	// Nesting is counted by statement(), which a nested block goes through.
	Stmt* compound(bool new_scope)
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

	void block_item(std::vector<Stmt*>& items)
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

	Stmt* statement()
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
	Stmt* sub_statement()
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

	Expr* paren_condition(const char* what)
	{
		if (!expect(Tok::LParen, fmt::format("after '{}'", what).c_str())) {
			return m_sema.error_expr(tok().loc);
		}
		Expr* e = expr();
		if (!expect(Tok::RParen))
			sync_parens(1);
		return m_sema.condition(e, fmt::format("the condition of '{}'", what).c_str());
	}

	Stmt* for_statement()
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

	Stmt* switch_statement()
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

	Stmt* case_statement()
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

	Stmt* return_statement()
	{
		SourceLoc loc = tok().loc;
		uint32_t len = tok().length;
		advance();
		Stmt* s = m_unit.new_stmt(StmtKind::Return, loc);
		const Type* rt = m_fn ? m_fn->sym->type->base : m_types.int_type();
		if (at(Tok::Semi)) {
			advance();
			if (!rt->is_void())
				warning(loc, fmt::format("non-void function '{}' should return a value", m_fn ? m_fn->sym->name : ""), len);
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

	// ---- expressions ----
	Expr* expr()
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

	static bool assign_op(Tok k, BinOp& op)
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

	Expr* assign_expr()
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

	Expr* cond_expr()
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

	static BinOp binop_of(Tok k)
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

	Expr* binary_expr(int min_prec)
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

	bool at_type_in_parens() const { return at(Tok::LParen) && is_type_start(peek()); }

	Expr* cast_expr()
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

	Expr* compound_literal(const Type* t, SourceLoc loc)
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

	static bool is_prefix_operator(Tok k)
	{
		switch (k) {
		case Tok::PlusPlus: case Tok::MinusMinus: case Tok::Amp: case Tok::Star: case Tok::Plus:
		case Tok::Minus: case Tok::Tilde: case Tok::Bang: case Tok::KwExtension: case Tok::KwSizeof:
		case Tok::KwAlignof:
			return true;
		default: return false;
		}
	}

	Expr* unary_expr()
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

	Expr* postfix_tail(Expr* e)
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

	Expr* primary()
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

	Expr* statement_expression(SourceLoc loc)
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
	Expr* builtin_va()
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

	Expr* builtin_offsetof()
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

	Expr* identifier()
	{
		const Token t = tok();
		advance();
		Symbol* s = lookup(t.text);
		if (s && s->kind == SymKind::Typedef) {
			error(t.loc, fmt::format("unexpected type name '{}': expected expression", t.text), t.length);
			return m_sema.error_expr(t.loc);
		}
		if (s) {
			if (s->kind == SymKind::Func)
				m_unit.function_refs.push_back({m_fn, s});
			return m_sema.var_ref(s, t.loc, t.length);
		}
		// C11 6.4.2.2: inside a function, __func__ names its name as if declared
		// 'static const char __func__[] = "name";' (GCC's __FUNCTION__ and, in C,
		// __PRETTY_FUNCTION__ are the same), e.g. for pr_info("%s: ...", __func__).
		if (m_fn && (t.text == "__func__" || t.text == "__FUNCTION__" || t.text == "__PRETTY_FUNCTION__"))
			return m_sema.str_lit(m_fn->sym->name + '\0', t.loc, t.length);
		if (at(Tok::LParen))
			return undeclared_function(t);
		std::vector<std::string_view> names;
		for (const Scope& sc : m_scopes)
			for (const auto& [n, sym] : sc.names)
				if (sym->kind != SymKind::Typedef)
					names.push_back(n);
		std::sort(names.begin(), names.end());
		std::string guess = t.text.size() >= 3 ? closest_match(t.text, names) : "";
		std::string hint = guess.empty() ? missing_include_hint(t.text) : fmt::format("; did you mean '{}'?", guess);
		error(t.loc, fmt::format("use of undeclared identifier '{}'{}", t.text, hint), t.length);
		return m_sema.error_expr(t.loc);
	}

	// Whether the prelude (what a known #include brings) has `name` as a word.
	bool prelude_mentions(const std::string& name) const
	{
		const std::string& text = abi::prelude_text(m_world);
		auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
		for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
			bool starts = at == 0 || !ident(text[at - 1]);
			bool ends = at + name.size() >= text.size() || !ident(text[at + name.size()]);
			if (starts && ends)
				return true;
		}
		return false;
	}

	// Without any known #include, a name the headers declare (pr_info, current, printf)
	// is undeclared: say which header to include.
	std::string missing_include_hint(const std::string& name) const
	{
		if (m_have_prelude || !prelude_mentions(name))
			return "";
		return m_world == abi::World::Kernel ? " (no kernel header is included: add #include <linux/module.h>)"
						     : " (no libc header is included: add #include <stdio.h>)";
	}

	// Reports a call to an undeclared function and declares it implicitly so the call
	// can still be checked.
	Expr* undeclared_function(const Token& t)
	{
		std::string hint;
		auto id = abi::find_builtin(t.text);
		abi::World other = m_world == abi::World::Kernel ? abi::World::User : abi::World::Kernel;
		if (id && abi::visible_in(abi::builtin(*id).world, m_world)) {
			hint = "; include the header that declares it";
		} else {
			// A libc function in a module (or a kernel one in a program): name the
			// counterpart of the other world.
			static const std::map<std::string_view, std::string_view> kKernelFor = {
				{"printf", "printk"}, {"malloc", "kmalloc"}, {"calloc", "kcalloc"}, {"free", "kfree"},
				{"sleep", "ssleep"}, {"usleep", "usleep_range"}, {"puts", "printk"}, {"fprintf", "printk"},
				{"abort", "BUG"}, {"exit", "do_exit"}, {"getpid", "task_pid_nr"}, {"nanosleep", "msleep"},
			};
			static const std::map<std::string_view, std::string_view> kUserFor = {
				{"printk", "printf"}, {"kmalloc", "malloc"}, {"kzalloc", "calloc"}, {"kfree", "free"},
				{"msleep", "usleep"}, {"ssleep", "sleep"}, {"kcalloc", "calloc"},
			};
			const auto& table = m_world == abi::World::Kernel ? kKernelFor : kUserFor;
			auto it = table.find(t.text);
			if (it != table.end()) {
				hint = fmt::format("; did you mean '{}'?", it->second);
			} else {
				std::vector<std::string_view> names;
				for (const abi::BuiltinInfo& b : abi::builtins())
					if (abi::visible_in(b.world, m_world) && b.name.substr(0, 7) != "__kctx_")
						names.push_back(b.name);
				for (Symbol* f : m_unit.functions_declared)
					if (f->name.substr(0, 7) != "__kctx_")
						names.push_back(f->name);
				std::string guess = closest_match(t.text, names);
				if (!guess.empty())
					hint = fmt::format("; did you mean '{}'?", guess);
				else if (id && abi::visible_in(abi::builtin(*id).world, other))
					hint = m_world == abi::World::Kernel ? " (it is a libc function; modules cannot call it)"
									     : " (it is a kernel function; user programs cannot call it)";
				else
					hint = missing_include_hint(t.text);
			}
		}
		error(t.loc, fmt::format("call to undeclared function '{}'{}", t.text, hint), t.length);
		Symbol* s = m_unit.new_symbol();
		s->kind = SymKind::Func;
		s->name = t.text;
		s->type = m_types.function(m_types.int_type(), {}, false, false);
		s->loc = t.loc;
		s->length = t.length;
		s->defined = true;   // suppress "never defined"; the unit has errors anyway
		m_scopes.front().names[t.text] = s;
		Expr* e = m_unit.new_expr(ExprKind::Func, s->type, t.loc);
		e->sym = s;
		e->length = t.length;
		return e;
	}

	// ---- literals ----
	Expr* number(const Token& t)
	{
		const std::string& s = t.text;
		bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
		bool is_float = false;
		if (hex)
			is_float = s.find_first_of(".pP") != std::string::npos;
		else
			is_float = s.find_first_of(".eE") != std::string::npos;
		if (is_float)
			return float_number(t, hex);
		size_t i = 0;
		int base = 10;
		if (hex) {
			base = 16;
			i = 2;
		} else if (s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
			base = 2;
			i = 2;
		} else if (s[0] == '0') {
			base = 8;
		}
		unsigned __int128 v = 0;
		bool overflow = false;
		size_t digits = 0;
		for (; i < s.size(); i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
			if (d >= 99 || (d >= base && !(base == 8 && d < 10) && !(base == 10)))
				break;
			if (d >= base) {
				error(t.loc, fmt::format("invalid digit '{}' in {} constant", c, base == 8 ? "octal" : "binary"), t.length);
				return m_sema.int_lit(0, m_types.int_type(), t.loc);
			}
			v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
			if (v > UINT64_MAX)
				overflow = true;
			digits++;
		}
		if (digits == 0 && base != 8) {
			error(t.loc, fmt::format("invalid integer constant '{}'", s), t.length);
			return m_sema.int_lit(0, m_types.int_type(), t.loc);
		}
		std::string suffix = s.substr(i);
		bool u = false;
		int l = 0;
		{
			std::string lower;
			for (char c : suffix)
				lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
			bool ok = true;
			if (lower == "" ) {
			} else if (lower == "u") u = true;
			else if (lower == "l") l = 1;
			else if (lower == "ll") l = 2;
			else if (lower == "ul" || lower == "lu") { u = true; l = 1; }
			else if (lower == "ull" || lower == "llu") { u = true; l = 2; }
			else ok = false;
			if (ok && l == 2 && suffix.find("lL") != std::string::npos)
				ok = false;
			if (ok && l == 2 && suffix.find("Ll") != std::string::npos)
				ok = false;
			if (!ok) {
				error(t.loc, fmt::format("invalid suffix '{}' on integer constant", suffix), t.length);
				return m_sema.int_lit(0, m_types.int_type(), t.loc);
			}
		}
		if (overflow) {
			error(t.loc, "integer literal is too large to be represented in any integer type", t.length);
			return m_sema.int_lit(0, m_types.int_type(), t.loc);
		}
		uint64_t val = static_cast<uint64_t>(v);
		bool dec = base == 10;
		TypeKind k;
		TypeKind lk = l == 2 ? TypeKind::LongLong : TypeKind::Long;
		TypeKind ulk = l == 2 ? TypeKind::ULongLong : TypeKind::ULong;
		if (u) {
			k = (l == 0 && val <= UINT32_MAX) ? TypeKind::UInt : ulk;
		} else if (l == 0) {
			if (val <= INT32_MAX)
				k = TypeKind::Int;
			else if (!dec && val <= UINT32_MAX)
				k = TypeKind::UInt;
			else if (val <= INT64_MAX)
				k = TypeKind::Long;
			else
				k = TypeKind::ULong;
		} else {
			k = val <= INT64_MAX ? lk : ulk;
		}
		if (dec && !u && val > INT64_MAX)
			warning(t.loc, "integer literal is too large to be represented in a signed integer type, interpreting as unsigned",
				t.length);
		Expr* e = m_sema.int_lit(static_cast<int64_t>(val), m_types.basic(k), t.loc);
		e->length = t.length;
		return e;
	}

	Expr* float_number(const Token& t, bool hex)
	{
		std::string s = t.text;
		TypeKind k = TypeKind::Double;
		char last = s.back();
		if (!hex || s.find_first_of("pP") != std::string::npos) {
			if (last == 'f' || last == 'F') {
				k = TypeKind::Float;
				s.pop_back();
			} else if (last == 'l' || last == 'L') {
				k = TypeKind::LongDouble;
				s.pop_back();
			}
		}
		char* end = nullptr;
		double v = std::strtod(s.c_str(), &end);
		if (!end || *end != '\0') {
			error(t.loc, fmt::format("invalid floating constant '{}'", t.text), t.length);
			v = 0;
		}
		Expr* e = m_sema.float_lit(v, m_types.basic(k), t.loc);
		e->length = t.length;
		return e;
	}

	// Decodes one escape sequence at s[i] (just after the backslash); appends bytes.
	void escape(const std::string& s, size_t& i, std::string& out, const Token& t)
	{
		char c = s[i];
		switch (c) {
		case 'n': out += '\n'; i++; return;
		case 't': out += '\t'; i++; return;
		case 'r': out += '\r'; i++; return;
		case 'a': out += '\a'; i++; return;
		case 'b': out += '\b'; i++; return;
		case 'f': out += '\f'; i++; return;
		case 'v': out += '\v'; i++; return;
		case 'e': case 'E': out += '\x1b'; i++; return;
		case '\\': case '\'': case '"': case '?': out += c; i++; return;
		case 'x': {
			i++;
			unsigned v = 0;
			size_t n = 0;
			while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
				char h = s[i];
				v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
				if (v > 0xff)
					v = 0x100;
				i++;
				n++;
			}
			if (n == 0)
				error(t.loc, "\\x used with no following hex digits", t.length);
			else if (v > 0xff)
				error(t.loc, "hex escape sequence out of range", t.length);
			out += static_cast<char>(v & 0xff);
			return;
		}
		case 'u':
		case 'U': {
			size_t n = c == 'u' ? 4 : 8;
			i++;
			uint32_t cp = 0;
			for (size_t k = 0; k < n; k++, i++) {
				if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i]))) {
					error(t.loc, "incomplete universal character name", t.length);
					return;
				}
				char h = s[i];
				cp = cp * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
			}
			if (cp < 0x80) {
				out += static_cast<char>(cp);
			} else if (cp < 0x800) {
				out += static_cast<char>(0xc0 | (cp >> 6));
				out += static_cast<char>(0x80 | (cp & 0x3f));
			} else if (cp < 0x10000) {
				out += static_cast<char>(0xe0 | (cp >> 12));
				out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
				out += static_cast<char>(0x80 | (cp & 0x3f));
			} else {
				out += static_cast<char>(0xf0 | ((cp >> 18) & 0x07));
				out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
				out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
				out += static_cast<char>(0x80 | (cp & 0x3f));
			}
			return;
		}
		default:
			if (c >= '0' && c <= '7') {
				unsigned v = 0;
				for (int k = 0; k < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; k++, i++)
					v = v * 8 + static_cast<unsigned>(s[i] - '0');
				if (v > 0xff)
					error(t.loc, "octal escape sequence out of range", t.length);
				out += static_cast<char>(v & 0xff);
				return;
			}
			warning(t.loc, fmt::format("unknown escape sequence '\\{}'", c), t.length);
			out += c;
			i++;
			return;
		}
	}

	// The bytes of a literal's body (between the quotes), escapes decoded.
	std::string literal_bytes(const Token& t, char quote, bool& wide)
	{
		const std::string& s = t.text;
		size_t q = s.find(quote);
		wide = q > 0 && s.substr(0, q) != "u8";
		std::string out;
		size_t i = q + 1;
		size_t end = s.size() - 1;
		while (i < end) {
			if (s[i] == '\\' && i + 1 < end) {
				i++;
				escape(s, i, out, t);
				continue;
			}
			out += s[i++];
		}
		return out;
	}

	Expr* char_literal(const Token& t)
	{
		bool wide = false;
		std::string b = literal_bytes(t, '\'', wide);
		if (b.empty()) {
			error(t.loc, "empty character constant", t.length);
			return m_sema.int_lit(0, m_types.int_type(), t.loc);
		}
		int64_t v = 0;
		if (wide) {
			// Decode one UTF-8 sequence to its code point; wchar_t is int on Linux.
			unsigned char c0 = static_cast<unsigned char>(b[0]);
			if (c0 < 0x80 || b.size() == 1)
				v = c0;
			else if ((c0 & 0xe0) == 0xc0 && b.size() >= 2)
				v = ((c0 & 0x1f) << 6) | (b[1] & 0x3f);
			else if ((c0 & 0xf0) == 0xe0 && b.size() >= 3)
				v = ((c0 & 0x0f) << 12) | ((b[1] & 0x3f) << 6) | (b[2] & 0x3f);
			else if (b.size() >= 4)
				v = ((c0 & 0x07) << 18) | ((b[1] & 0x3f) << 12) | ((b[2] & 0x3f) << 6) | (b[3] & 0x3f);
		} else if (b.size() == 1) {
			v = static_cast<signed char>(b[0]);
		} else {
			warning(t.loc, "multi-character character constant", t.length);
			uint32_t x = 0;
			for (char c : b)
				x = (x << 8) | static_cast<unsigned char>(c);
			v = static_cast<int32_t>(x);
		}
		Expr* e = m_sema.int_lit(v, m_types.int_type(), t.loc);
		e->length = t.length;
		return e;
	}

	Expr* string_literal()
	{
		const Token first = tok();
		std::string bytes;
		uint32_t len = first.length;
		while (at(Tok::String) && !stopped()) {
			bool wide = false;
			bytes += literal_bytes(tok(), '"', wide);
			if (wide)
				error(tok().loc, "kctx does not support wide string literals yet", tok().length);
			if (tok().loc.line == first.loc.line && tok().loc.file == first.loc.file && tok().loc.col >= first.loc.col)
				len = tok().loc.col - first.loc.col + tok().length;
			advance();
		}
		bytes += '\0';
		return m_sema.str_lit(std::move(bytes), first.loc, len);
	}

	// ---- end of unit ----
	void check_undefined_functions()
	{
		for (Symbol* f : m_unit.functions_declared) {
			if (!f->used || f->defined || f->builtin)
				continue;
			error(f->first_use, fmt::format("function '{}' is declared but never defined (kctx builds each module and program "
							"from one file, and no builtin has this name)",
							f->name),
			      static_cast<uint32_t>(f->name.size()));
			m_diags.note(f->loc, "declared here", f->length);
		}
		for (Symbol* o : m_unit.objects)
			if (!o->type->is_complete())
				error(o->loc, fmt::format("tentative definition has incomplete type '{}'", type_name(o->type)), o->length);
		for (const auto& [name, g] : m_globals) {
			if (g->used && !g->defined)
				error(g->first_use, fmt::format("'{}' is declared extern but never defined in this file", name),
				      static_cast<uint32_t>(name.size()));
		}
	}

	TokenList m_toks;
	size_t m_pos = 0;
	Token m_eof;
	abi::World m_world;
	TypeContext& m_types;
	Unit& m_unit;
	DiagnosticSink& m_diags;
	Sema m_sema;
	std::vector<Scope> m_scopes;
	std::unordered_map<std::string, Symbol*> m_functions;
	std::map<std::string, Symbol*> m_globals;
	std::deque<RawInit> m_raw_inits;
	FunctionDef* m_fn = nullptr;
	std::map<std::string, LabelInfo> m_labels;
	std::map<std::string, LabelInfo> m_gotos;
	uint32_t m_loop_depth = 0;
	uint32_t m_param_lists = 0;   // parameter lists being parsed (VLA sizes may name parameters)
	std::set<const Expr*> m_star_counts;   // the counts standing for `[*]`
	std::vector<Stmt*> m_switches;
	uint32_t m_depth = 0;
	uint32_t m_expr_depth = 0;
	uint32_t m_compound_literals = 0;
	uint32_t m_pending_align = 0;   // __attribute__((aligned)) of the object being declared
	bool m_stop = false;
	bool m_reported_limit = false;
	bool m_have_prelude = true;
};

}  // namespace

bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude)
{
	Parser p(std::move(tokens), world, types, unit, diags, have_prelude);
	return p.run();
}

}  // namespace kctx::lang
