// The preprocessor's private header: the Preprocessor class, whose member functions are
// defined across Preprocessor.cpp (the token stream, main loop, predefined macros),
// PpDirective.cpp and PpExpand.cpp, and the macro and hide-set types they share.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/Lexer.h"
#include "lang/Limits.h"
#include "lang/Preprocessor.h"
#include "lang/Token.h"

namespace kctx::lang::pp {


enum class BuiltinMacro : uint8_t { None, File, Line, Counter };

struct Macro {
	std::string name;
	uint32_t id = 0;   // for hide sets
	bool function_like = false;
	bool variadic = false;
	std::vector<std::string> params;   // the variadic one is last (named __VA_ARGS__ or by GNU name)
	TokenList body;
	BuiltinMacro builtin = BuiltinMacro::None;
	SourceLoc loc;
};

inline bool hide_has(const HideSet& hs, uint32_t id)
{
	return hs && std::binary_search(hs->begin(), hs->end(), id);
}

inline HideSet make_hide(std::vector<uint32_t> v) { return std::make_shared<const std::vector<uint32_t>>(std::move(v)); }

inline HideSet hide_union(const HideSet& a, const HideSet& b)
{
	if (!a || a->empty() || a == b)
		return b;
	if (!b || b->empty())
		return a;
	std::vector<uint32_t> v;
	std::set_union(a->begin(), a->end(), b->begin(), b->end(), std::back_inserter(v));
	if (v.size() == a->size())
		return a;
	if (v.size() == b->size())
		return b;
	return make_hide(std::move(v));
}

inline HideSet hide_intersect(const HideSet& a, const HideSet& b)
{
	if (!a || !b)
		return nullptr;
	if (a == b)
		return a;
	std::vector<uint32_t> v;
	std::set_intersection(a->begin(), a->end(), b->begin(), b->end(), std::back_inserter(v));
	if (v.empty())
		return nullptr;
	return make_hide(std::move(v));
}

// One conditional-inclusion group being read.
struct CondFrame {
	enum class Part : uint8_t { If, Elif, Else } part = Part::If;
	bool taken = false;   // some branch of this group was (or is being) included
	SourceLoc loc;
};

class Preprocessor {
public:
	Preprocessor(SourceSet& sources, const PreprocessOptions& options, DiagnosticSink& diags);

	TokenList run(uint32_t file);

private:
	// ---- the token stream: a stack whose back is the next token ----
	void push_file(uint32_t file)
	{
		TokenList toks = lex(m_sources, file, m_diags);
		toks.pop_back();   // Eof: the end of an included file is not the end of input
		m_source_tokens += toks.size();
		push_tokens(std::move(toks));
	}
	void push_tokens(TokenList toks)
	{
		for (auto it = toks.rbegin(); it != toks.rend(); ++it)
			m_stack.push_back(std::move(*it));
	}
	[[nodiscard]] bool at_end() const { return m_stack.empty(); }
	Token pop()
	{
		if (m_stack.empty()) {
			Token eof;
			eof.kind = Tok::Eof;
			eof.bol = true;
			eof.loc = m_last_loc;
			return eof;
		}
		Token t = std::move(m_stack.back());
		m_stack.pop_back();
		m_last_loc = t.loc;
		return t;
	}
	[[nodiscard]] const Token* peek() const { return m_stack.empty() ? nullptr : &m_stack.back(); }
	// The rest of the directive line (tokens up to the next one that begins a line).
	TokenList rest_of_line()
	{
		TokenList line;
		while (!m_stack.empty() && !m_stack.back().bol && m_stack.back().kind != Tok::Eof)
			line.push_back(pop());
		return line;
	}
	void skip_line()
	{
		while (!m_stack.empty() && !m_stack.back().bol && m_stack.back().kind != Tok::Eof)
			m_stack.pop_back();
	}

	bool stopped() const { return m_stop || error_count(m_diags) >= kMaxErrors; }

	void error(SourceLoc loc, std::string msg, uint32_t len = 1)
	{
		if (stopped())
			return;
		m_diags.error(loc, std::move(msg), len);
	}

	// ---- the main loop ----
	TokenList process(bool directives);

	// ---- directives ----
	void directive(const Token& hash);

	static std::string join_spelling(const TokenList& line);

	void push_cond(SourceLoc loc, bool value);

	void do_else_endif(const Token& name);

	void skip_group();

	void do_define();

	static bool same_definition(const Macro& a, const Macro& b);

	void do_undef();

	void do_include(const Token& name);

	std::string unknown_header_message(const std::string& header, bool quoted, uint32_t includer) const;

	// ---- real files (PpInclude.cpp) ----
	enum class IncludeResult : uint8_t { Included, NotFound, Refused };
	static constexpr uint32_t kMaxRealIncludes = 4096;
	void note_file_path(uint32_t file);
	void pragma_once(const Token& hash);
	[[nodiscard]] std::vector<std::string> include_search(uint32_t includer, bool quoted) const;
	IncludeResult include_real_file(const std::string& header, bool quoted, SourceLoc loc, uint32_t len);
	[[nodiscard]] std::string searched_dirs(uint32_t includer, bool quoted) const;

	// ---- #if expressions ----
	bool eval_condition(TokenList line, const Token& directive);

	// ---- macro expansion ----
	uint32_t macro_id(const std::string& name);

	HideSet hide_add(const HideSet& hs, uint32_t id);

	static int param_index(const Macro& m, const Token& t);

	bool expand(Token& t);

	static std::string quote(const std::string& s);

	bool collect_args(const Macro& m, const Token& name, std::vector<TokenList>& args, Token& rparen);

	TokenList expand_isolated(TokenList toks);

	TokenList substitute(const Macro& m, const std::vector<TokenList>& args, const Token& use);

	std::string stringize(const TokenList& arg);

	TokenList paste_all(TokenList in);

	std::optional<Token> lex_one(const std::string& text, const Token& at);

	// ---- predefined macros ----
	void define_builtins();

	std::string predefined_text() const;

	SourceSet& m_sources;
	const PreprocessOptions& m_options;
	DiagnosticSink& m_diags;
	std::unordered_map<std::string, Macro> m_macros;
	std::unordered_map<std::string, uint32_t> m_ids;
	std::map<std::pair<const void*, uint32_t>, std::pair<HideSet, HideSet>> m_hide_cache;
	std::vector<Token> m_stack;
	std::vector<CondFrame> m_conds;
	SourceLoc m_last_loc;
	uint32_t m_counter = 0;
	uint64_t m_expansions = 0;
	// Tokens read from files (the prelude, the source, its headers): the budgets for
	// expansion are on top of these, so a large file without macros never hits them.
	uint64_t m_source_tokens = 0;
	uint32_t m_depth = 0;
	bool m_prelude_included = false;
	std::unordered_map<uint32_t, std::string> m_file_paths;   // real files: source id -> canonical path
	std::set<std::string> m_once;                               // canonical paths with #pragma once
	uint32_t m_real_includes = 0;
	bool m_stop = false;
};

}  // namespace kctx::lang::pp
