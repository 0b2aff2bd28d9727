#pragma once
// The parser's internals, shared by ParseTop.cpp (declarations and probe points),
// ParseStatements.cpp and ParseExpressions.cpp.

#include "probe/Parser.h"

namespace kctx::probe {

class Parser {
public:
	Parser(const Tokens& tokens, ScriptErrors& errors) : m_tokens(tokens), m_errors(errors) {}

	void parse_file(Script& script);

private:
	// --- token cursor. After an error the cursor reads as end of file, so that every
	// parsing function unwinds without further checks; the top level then recovers.
	[[nodiscard]] const Token& peek(size_t ahead = 0) const;
	Token next();
	[[nodiscard]] bool peek_op(const char* op) const { return peek().is_op(op); }
	[[nodiscard]] bool peek_keyword(const char* kw) const { return peek().is_keyword(kw); }
	bool accept_op(const char* op);
	void expect_op(const char* op);
	void fail(const std::string& message, const Token& at, Blame blame = Blame::Saw);
	[[nodiscard]] bool failed() const { return m_failed; }
	void recover();

	// --- top level (ParseTop.cpp)
	void parse_global(Script& script, bool is_private);
	void parse_function(Script& script);
	void parse_probe(Script& script);
	std::vector<ProbePoint> parse_probe_points();
	std::vector<std::vector<ProbePointComponent>> parse_point_sequence(bool in_braces);
	ProbePointComponent parse_point_component();
	std::string parse_component_name();
	ExprPtr parse_literal();
	bool declare_global(const Token& name, bool is_private);

	// --- statements (ParseStatements.cpp)
	StmtPtr parse_block();
	StmtPtr parse_statement();
	StmtPtr parse_if();
	StmtPtr parse_for();
	StmtPtr parse_while();
	StmtPtr parse_foreach();
	void parse_foreach_indexes(Stmt& s);
	void parse_foreach_sort(Stmt& s, const Token& at, int sort);
	StmtPtr parse_try();
	StmtPtr parse_simple(StmtKind kind);

	// --- expressions (ParseExpressions.cpp), lowest precedence first
	ExprPtr parse_expression();
	ExprPtr parse_ternary();
	ExprPtr parse_binary_level(int level);
	ExprPtr parse_array_in();
	ExprPtr parse_comparison();
	ExprPtr parse_unary();
	ExprPtr parse_crement();
	ExprPtr parse_value();
	ExprPtr parse_postfix(ExprPtr operand);
	ExprPtr parse_identifier_value();
	ExprPtr parse_target_symbol();
	ExprPtr parse_at_operator();
	ExprPtr parse_indexable();
	ExprPtr parse_index_list(ExprPtr base, const char* close);
	ExprPtr parse_call(const Token& name);
	ExprPtr parse_print(const Token& name);
	ExprPtr parse_string_literal();
	ExprPtr parse_number(const Token& tok, bool negate = false);
	void parse_components(Expr& e);
	void check_format(const std::string& format, const Token& after);

	const Tokens& m_tokens;
	ScriptErrors& m_errors;
	size_t m_pos = 0;
	bool m_failed = false;
	bool m_in_function = false;
	Token m_eof;
	std::vector<std::pair<std::string, bool>> m_global_names;  // name, is_private
};

[[nodiscard]] ExprPtr make_expr(ExprKind kind, const Token& tok);
[[nodiscard]] StmtPtr make_stmt(StmtKind kind, const Token& tok);

}  // namespace kctx::probe
