// The parser's private header: the Parser class, whose member functions are defined
// across the Parse*.cpp files by what they parse (README.md lists them), and the
// declaration pieces they pass between them. Only the parser's own files include it.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Parser.h"
#include "lang/Ast.h"
#include "lang/Limits.h"
#include "lang/Sema.h"
#include "lang/Token.h"
#include "lang/Type.h"

namespace kctx::lang::parser {


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

// The type specifiers decl_spec() has seen so far in one declaration. C lets the basic
// type keywords come in any order and some repeat (`long unsigned long int`), so they are
// counted and combined after the last one (basic_type()).
struct BasicSpecs {
	int n_void = 0, n_bool = 0, n_char = 0, n_short = 0, n_int = 0, n_long = 0, n_signed = 0, n_unsigned = 0,
	    n_float = 0, n_double = 0;

	[[nodiscard]] int total() const
	{
		return n_void + n_bool + n_char + n_short + n_int + n_long + n_signed + n_unsigned + n_float + n_double;
	}
};

struct SpecScan {
	BasicSpecs basic;
	const Type* named = nullptr;   // a struct, union, enum, typeof, typedef name or va_list
	bool any = false;              // any specifier at all, even one that names no type
	SourceLoc type_loc;            // the last type specifier, for "invalid combination"
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

class Parser {
public:
	Parser(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude);

	bool run();
	void set_unit_boundaries(const UnitBoundaries& units);

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
	std::string describe(const Token& t) const;
	bool expect(Tok k, const char* context = nullptr);
	static std::string stray_message(const Token& t);
	void error(SourceLoc loc, std::string msg, uint32_t len = 1);
	void warning(SourceLoc loc, std::string msg, uint32_t len = 1, std::string flag = {});
	void error_at_tok(const std::string& msg);

	void sync_stmt();

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
	Symbol* lookup(const std::string& name) const;
	Type* lookup_tag(const std::string& name, bool current_only = false) const;
	bool is_typedef_name(const Token& t) const;
	bool is_type_start(const Token& t) const;

	static std::string unknown_type_message(const std::string& name);

	// ---- attributes ----
	void attributes(Attrs& a);
	void sync_parens(int depth);
	void skip_qualifiers(Attrs* a = nullptr);

	// ---- declaration specifiers ----
	bool decl_spec(DeclSpec& ds, bool allow_storage);
	// One specifier of decl_spec(); false at a token that is not one (or not that kind).
	bool storage_or_qualifier(DeclSpec& ds, SpecScan& scan, bool allow_storage);
	bool type_specifier(SpecScan& scan);
	void alignas_spec(DeclSpec& ds);
	const Type* basic_type(const BasicSpecs& n, SourceLoc loc);

	const Type* typeof_spec();

	const Type* record_spec();
	Type* record_tag_use(bool is_union, const std::string& tag, SourceLoc tag_loc, uint32_t tag_len);
	Type* record_to_define(bool is_union, const std::string& tag, SourceLoc tag_loc, uint32_t tag_len);
	void member_declaration(std::vector<Field>& fields);
	void member_declarator(const DeclSpec& ds, std::vector<Field>& fields);
	std::optional<uint8_t> bitfield_width(const Declarator& d, const Type* ft);
	void check_members(const std::vector<Field>& fields, bool packed);

	const Type* enum_spec();

	// ---- declarators ----
	bool nested_declarator_start(bool abstract_ok) const;

	const Type* declarator(const Type* base, Declarator& d, bool abstract_ok);

	const Type* suffixes(const Type* base, Declarator* capture);

	bool uses_star(const Type* t) const;

	Symbol* new_symbol(SymKind kind, const Declarator& d, const Type* t);

	Symbol* declare_param(const Declarator& pd, const Type* t);

	const Type* type_name_();

	// ---- declarations ----
	void static_assert_decl();

	void external_declaration();

	void declaration(bool file_scope, std::vector<Stmt*>* out);

	void skip_block();

	void declare_typedef(const Declarator& d, const Type* t, std::vector<Stmt*>* out);

	Symbol* declare_function(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool weak);

	void function_definition(Symbol* f, const Declarator& d);

	void object_declaration(const Declarator& d, const Type* t, const DeclSpec& ds, const Attrs& attrs, bool file_scope,
				std::vector<Stmt*>* out);

	void global_object(const Declarator& d, const Type* t, const DeclSpec& ds, bool file_scope, bool has_init);

	// ---- initializers ----
	RawInit* initializer_raw(int depth);

	// ---- statements ----
	Stmt* compound(bool new_scope);

	void block_item(std::vector<Stmt*>& items);

	Stmt* statement();

	Stmt* sub_statement();

	Expr* paren_condition(const char* what);

	Stmt* for_statement();

	Stmt* switch_statement();

	Stmt* case_statement();

	Stmt* return_statement();

	// ---- expressions ----
	Expr* expr();

	static bool assign_op(Tok k, BinOp& op);

	Expr* assign_expr();

	Expr* cond_expr();

	static BinOp binop_of(Tok k);

	Expr* binary_expr(int min_prec);

	bool at_type_in_parens() const { return at(Tok::LParen) && is_type_start(peek()); }

	Expr* cast_expr();

	Expr* compound_literal(const Type* t, SourceLoc loc);

	static bool is_prefix_operator(Tok k);

	Expr* unary_expr();

	Expr* postfix_tail(Expr* e);

	Expr* primary();

	Expr* statement_expression(SourceLoc loc);

	Expr* builtin_va();

	Expr* builtin_offsetof();

	Expr* identifier();

	bool prelude_mentions(const std::string& name) const;

	std::string missing_include_hint(const std::string& name) const;

	Expr* undeclared_function(const Token& t);

	// ---- literals ----
	Expr* number(const Token& t);

	Expr* float_number(const Token& t, bool hex);

	void escape(const std::string& s, size_t& i, std::string& out, const Token& t);

	// `runs`, if given, gets where each stretch of the decoded bytes was written (for the
	// format checks' positions); `base` is the bytes decoded before this token.
	std::string literal_bytes(const Token& t, char quote, bool& wide, std::vector<StrRun>* runs = nullptr,
				  uint32_t base = 0);

	Expr* char_literal(const Token& t);

	Expr* string_literal();

	// ---- end of unit ----
	void check_undefined_functions();

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
	UnitBoundaries m_units;
	size_t m_prelude_end = 0;   // one past the prelude's last token
	bool m_prelude_seen = false;
	std::set<const Symbol*> m_prelude_names;
	std::set<const Type*> m_prelude_tags;
	void start_translation_unit();
};

}  // namespace kctx::lang::parser
