#include "lang/Preprocessor.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <unordered_map>

#include "abi/Prelude.h"
#include "lang/IfExpr.h"
#include "lang/Lexer.h"
#include "lang/Limits.h"

namespace kctx::lang {

namespace {

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

bool hide_has(const HideSet& hs, uint32_t id)
{
	return hs && std::binary_search(hs->begin(), hs->end(), id);
}

HideSet make_hide(std::vector<uint32_t> v) { return std::make_shared<const std::vector<uint32_t>>(std::move(v)); }

HideSet hide_union(const HideSet& a, const HideSet& b)
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

HideSet hide_intersect(const HideSet& a, const HideSet& b)
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
	Preprocessor(SourceSet& sources, const PreprocessOptions& options, DiagnosticSink& diags)
		: m_sources(sources), m_options(options), m_diags(diags)
	{
	}

	TokenList run(uint32_t file)
	{
		define_builtins();
		// The predefined macros are a file of #defines processed before the main file.
		std::string text = predefined_text();
		uint32_t builtin_file = m_sources.add("<built-in>", std::move(text));
		push_file(builtin_file);
		TokenList out = process(true);
		out.clear();
		push_file(file);
		out = process(true);
		return out;
	}

private:
	// ---- the token stream: a stack whose back is the next token ----
	void push_file(uint32_t file)
	{
		TokenList toks = lex(m_sources, file, m_diags);
		toks.pop_back();   // Eof: the end of an included file is not the end of input
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
	// Reads tokens until the stack is empty (or, with directives == false, until the
	// isolated stream of a macro argument ends) and returns what remains after
	// directives and macro expansion.
	TokenList process(bool directives)
	{
		TokenList out;
		size_t cond_base = m_conds.size();
		while (!at_end() && !stopped()) {
			Token t = pop();
			if (t.kind == Tok::Eof)
				break;
			if (directives && t.kind == Tok::Hash && t.bol && !t.hide) {
				directive(t);
				continue;
			}
			if (t.kind == Tok::Ident && expand(t))
				continue;
			t.bol = out.empty() ? t.bol : false;
			out.push_back(std::move(t));
			if (out.size() > kMaxTokens) {
				error(out.back().loc, "macro expansion produces too many tokens");
				m_stop = true;
			}
		}
		if (directives) {
			while (m_conds.size() > cond_base) {
				error(m_conds.back().loc, "unterminated conditional directive");
				m_conds.pop_back();
			}
		}
		Token eof;
		eof.kind = Tok::Eof;
		eof.bol = true;
		eof.loc = m_last_loc;
		out.push_back(std::move(eof));
		return out;
	}

	// ---- directives ----
	void directive(const Token& hash)
	{
		const Token* next = peek();
		if (!next || next->bol || next->kind == Tok::Eof)
			return;   // the null directive
		Token name = pop();
		if (name.kind != Tok::Ident) {
			if (name.kind == Tok::Number) {   // "# 12 "file"" line markers
				skip_line();
				return;
			}
			error(name.loc, "invalid preprocessing directive", name.length);
			skip_line();
			return;
		}
		const std::string& d = name.text;
		if (d == "define")
			return do_define();
		if (d == "undef")
			return do_undef();
		if (d == "include" || d == "include_next")
			return do_include(name);
		if (d == "if") {
			TokenList line = rest_of_line();
			bool v = eval_condition(line, name);
			push_cond(name.loc, v);
			return;
		}
		if (d == "ifdef" || d == "ifndef") {
			TokenList line = rest_of_line();
			if (line.empty() || line[0].kind != Tok::Ident) {
				error(name.loc, fmt::format("macro name missing in #{}", d), name.length);
				push_cond(name.loc, false);
				return;
			}
			bool defined = m_macros.count(line[0].text) != 0;
			push_cond(name.loc, d == "ifdef" ? defined : !defined);
			return;
		}
		if (d == "elif" || d == "else" || d == "endif")
			return do_else_endif(name);
		if (d == "error") {
			TokenList line = rest_of_line();
			error(hash.loc, "#error " + join_spelling(line), hash.length);
			return;
		}
		if (d == "warning") {
			TokenList line = rest_of_line();
			m_diags.warning(hash.loc, "#warning " + join_spelling(line), hash.length);
			return;
		}
		if (d == "pragma" || d == "line" || d == "ident" || d == "sccs") {
			skip_line();
			return;
		}
		error(name.loc, fmt::format("invalid preprocessing directive #{}", d), name.length);
		skip_line();
	}

	static std::string join_spelling(const TokenList& line)
	{
		std::string s;
		for (const Token& t : line) {
			if (!s.empty() && t.space)
				s += ' ';
			s += t.text;
		}
		return s;
	}

	void push_cond(SourceLoc loc, bool value)
	{
		m_conds.push_back({CondFrame::Part::If, value, loc});
		if (!value)
			skip_group();
	}

	void do_else_endif(const Token& name)
	{
		if (m_conds.empty()) {
			error(name.loc, fmt::format("#{} without #if", name.text), name.length);
			skip_line();
			return;
		}
		CondFrame& c = m_conds.back();
		if (name.text == "endif") {
			m_conds.pop_back();
			skip_line();
			return;
		}
		if (c.part == CondFrame::Part::Else) {
			error(name.loc, fmt::format("#{} after #else", name.text), name.length);
			skip_line();
			return;
		}
		// We get here only at the end of an included group: every later branch is skipped.
		if (name.text == "elif") {
			c.part = CondFrame::Part::Elif;
			skip_line();
		} else {
			c.part = CondFrame::Part::Else;
			skip_line();
		}
		c.taken = true;
		skip_group();
	}

	// Skips a group whose condition is false, up to the #elif/#else/#endif that ends it,
	// evaluating #elif conditions and entering the first true branch.
	void skip_group()
	{
		int depth = 0;
		while (!at_end() && !stopped()) {
			Token t = pop();
			if (!(t.kind == Tok::Hash && t.bol))
				continue;
			const Token* n = peek();
			if (!n || n->bol || n->kind != Tok::Ident)
				continue;
			Token name = pop();
			const std::string& d = name.text;
			if (d == "if" || d == "ifdef" || d == "ifndef") {
				depth++;
				skip_line();
				continue;
			}
			if (depth > 0) {
				if (d == "endif")
					depth--;
				skip_line();
				continue;
			}
			CondFrame& c = m_conds.back();
			if (d == "endif") {
				m_conds.pop_back();
				skip_line();
				return;
			}
			if (d == "else") {
				skip_line();
				if (c.part == CondFrame::Part::Else) {
					error(name.loc, "#else after #else", name.length);
					continue;
				}
				c.part = CondFrame::Part::Else;
				if (!c.taken) {
					c.taken = true;
					return;
				}
				continue;
			}
			if (d == "elif") {
				TokenList line = rest_of_line();
				if (c.part == CondFrame::Part::Else) {
					error(name.loc, "#elif after #else", name.length);
					continue;
				}
				c.part = CondFrame::Part::Elif;
				if (!c.taken && eval_condition(line, name)) {
					c.taken = true;
					return;
				}
				continue;
			}
			skip_line();
		}
	}

	void do_define()
	{
		TokenList line = rest_of_line();
		if (line.empty() || line[0].kind != Tok::Ident) {
			error(line.empty() ? m_last_loc : line[0].loc, "macro name must be an identifier");
			return;
		}
		Macro m;
		m.name = line[0].text;
		m.loc = line[0].loc;
		if (m.name == "defined") {
			error(line[0].loc, "'defined' cannot be used as a macro name", line[0].length);
			return;
		}
		size_t i = 1;
		if (i < line.size() && line[i].kind == Tok::LParen && !line[i].space) {
			m.function_like = true;
			i++;
			bool ok = false;
			while (i < line.size()) {
				const Token& p = line[i];
				if (p.kind == Tok::RParen && m.params.empty() && !m.variadic) {
					i++;
					ok = true;
					break;
				}
				if (p.kind == Tok::Ellipsis) {
					m.variadic = true;
					m.params.push_back("__VA_ARGS__");
					i++;
					if (i < line.size() && line[i].kind == Tok::RParen) {
						i++;
						ok = true;
					}
					break;
				}
				if (p.kind != Tok::Ident)
					break;
				if (std::find(m.params.begin(), m.params.end(), p.text) != m.params.end()) {
					error(p.loc, fmt::format("duplicate macro parameter name '{}'", p.text), p.length);
					return;
				}
				m.params.push_back(p.text);
				i++;
				if (i < line.size() && line[i].kind == Tok::Ellipsis) {   // GNU named variadic: args...
					m.variadic = true;
					i++;
					if (i < line.size() && line[i].kind == Tok::RParen) {
						i++;
						ok = true;
					}
					break;
				}
				if (i < line.size() && line[i].kind == Tok::Comma) {
					i++;
					continue;
				}
				if (i < line.size() && line[i].kind == Tok::RParen) {
					i++;
					ok = true;
				}
				break;
			}
			if (!ok) {
				SourceLoc at = i < line.size() ? line[i].loc : line.back().loc;
				error(at, "expected ')' or a parameter name in macro parameter list");
				return;
			}
		}
		for (; i < line.size(); i++) {
			Token t = line[i];
			t.bol = false;
			m.body.push_back(std::move(t));
		}
		if (!m.body.empty())
			m.body[0].space = false;
		if (!m.body.empty() && (m.body.front().kind == Tok::HashHash || m.body.back().kind == Tok::HashHash)) {
			const Token& bad = m.body.front().kind == Tok::HashHash ? m.body.front() : m.body.back();
			error(bad.loc, "'##' cannot appear at either end of a macro expansion", 2);
			return;
		}
		if (m.function_like) {
			for (size_t k = 0; k < m.body.size(); k++) {
				if (m.body[k].kind != Tok::Hash)
					continue;
				if (k + 1 >= m.body.size() || param_index(m, m.body[k + 1]) < 0) {
					error(m.body[k].loc, "'#' is not followed by a macro parameter");
					return;
				}
			}
		}
		m.id = macro_id(m.name);
		auto it = m_macros.find(m.name);
		if (it != m_macros.end() && !same_definition(it->second, m))
			m_diags.warning(m.loc, fmt::format("'{}' macro redefined", m.name), static_cast<uint32_t>(m.name.size()));
		m_macros[m.name] = std::move(m);
	}

	static bool same_definition(const Macro& a, const Macro& b)
	{
		if (a.function_like != b.function_like || a.params != b.params || a.variadic != b.variadic ||
		    a.body.size() != b.body.size() || a.builtin != b.builtin)
			return false;
		for (size_t i = 0; i < a.body.size(); i++)
			if (a.body[i].text != b.body[i].text || (i > 0 && a.body[i].space != b.body[i].space))
				return false;
		return true;
	}

	void do_undef()
	{
		TokenList line = rest_of_line();
		if (line.empty() || line[0].kind != Tok::Ident) {
			error(line.empty() ? m_last_loc : line[0].loc, "macro name must be an identifier");
			return;
		}
		m_macros.erase(line[0].text);
	}

	void do_include(const Token& name)
	{
		TokenList line = rest_of_line();
		std::string header;
		SourceLoc loc = name.loc;
		uint32_t len = name.length;
		if (!line.empty() && line[0].kind == Tok::String && line[0].text.size() >= 2 && line[0].text[0] == '"') {
			header = line[0].text.substr(1, line[0].text.size() - 2);
			loc = line[0].loc;
			len = line[0].length;
		} else if (!line.empty() && line[0].kind == Tok::Lt) {
			loc = line[0].loc;
			bool closed = false;
			for (size_t i = 1; i < line.size(); i++) {
				if (line[i].kind == Tok::Gt) {
					closed = true;
					len = line[i].loc.line == loc.line && line[i].loc.col >= loc.col ? line[i].loc.col - loc.col + 1 : 1;
					break;
				}
				if (line[i].space && !header.empty())
					header += ' ';
				header += line[i].text;
			}
			if (!closed) {
				error(loc, "expected '>' after the header name");
				return;
			}
		} else {
			error(line.empty() ? name.loc : line[0].loc, "expected \"FILENAME\" or <FILENAME> after #include");
			return;
		}
		abi::World world = m_options.world;
		if (abi::known_header(world, header)) {
			if (m_prelude_included)
				return;
			m_prelude_included = true;
			uint32_t id = m_sources.add(std::string(abi::prelude_name(world)), abi::prelude_text(world));
			push_file(id);
			return;
		}
		error(loc, unknown_header_message(header), len);
	}

	std::string unknown_header_message(const std::string& header) const
	{
		abi::World world = m_options.world;
		abi::World other = world == abi::World::Kernel ? abi::World::User : abi::World::Kernel;
		const auto& known = abi::known_headers(world);
		std::vector<std::string_view> names(known.begin(), known.end());
		std::string suggestion = closest_match(header, names);
		std::string msg = fmt::format("'{}' file not found: kctx knows the {} headers", header,
					      world == abi::World::Kernel ? "kernel" : "libc");
		std::vector<std::string_view> shown;
		if (world == abi::World::Kernel)
			shown = {"linux/module.h", "linux/kernel.h", "linux/sched.h", "linux/timer.h", "linux/spinlock.h",
				 "linux/mutex.h", "linux/slab.h", "linux/fs.h"};
		else
			shown = {"stdio.h", "stdlib.h", "string.h", "unistd.h", "fcntl.h", "signal.h", "errno.h", "math.h"};
		for (size_t i = 0; i < shown.size(); i++)
			msg += fmt::format("{}<{}>", i == 0 ? " " : ", ", shown[i]);
		msg += fmt::format(" … ({} in all)", known.size());
		if (!suggestion.empty())
			msg += fmt::format("; did you mean <{}>?", suggestion);
		else if (abi::known_header(other, header))
			msg += world == abi::World::Kernel ? "; <" + header + "> is a libc header, for user programs"
							  : "; <" + header + "> is a kernel header, for modules";
		return msg;
	}

	// ---- #if expressions ----
	bool eval_condition(TokenList line, const Token& directive)
	{
		if (line.empty()) {
			error(directive.loc, fmt::format("#{} with no expression", directive.text), directive.length);
			return false;
		}
		// `defined X` and `defined(X)` are resolved before macro expansion.
		TokenList pre;
		for (size_t i = 0; i < line.size(); i++) {
			if (!line[i].is_ident("defined")) {
				pre.push_back(line[i]);
				continue;
			}
			Token one = line[i];
			one.kind = Tok::Number;
			size_t j = i + 1;
			bool paren = j < line.size() && line[j].kind == Tok::LParen;
			if (paren)
				j++;
			if (j >= line.size() || line[j].kind != Tok::Ident) {
				error(line[i].loc, "macro name missing after 'defined'", 7);
				return false;
			}
			one.text = m_macros.count(line[j].text) ? "1" : "0";
			j++;
			if (paren) {
				if (j >= line.size() || line[j].kind != Tok::RParen) {
					error(line[i].loc, "missing ')' after 'defined'", 7);
					return false;
				}
				j++;
			}
			pre.push_back(std::move(one));
			i = j - 1;
		}
		TokenList expanded = expand_isolated(std::move(pre));
		expanded.pop_back();   // Eof
		for (Token& t : expanded) {
			if (t.kind == Tok::Ident) {   // identifiers that are not macros are 0
				t.kind = Tok::Number;
				t.text = "0";
			}
		}
		IfExprParser p{[this](SourceLoc loc, std::string msg) { error(loc, std::move(msg)); }, m_last_loc, expanded, 0,
			       false, 0};
		std::optional<IfValue> v = p.parse_cond();
		if (!v)
			return false;
		if (p.pos < expanded.size()) {
			error(expanded[p.pos].loc, "extra tokens at the end of the #if expression", expanded[p.pos].length);
			return false;
		}
		return v->v != 0;
	}

	// ---- macro expansion ----
	uint32_t macro_id(const std::string& name)
	{
		auto it = m_ids.find(name);
		if (it != m_ids.end())
			return it->second;
		uint32_t id = static_cast<uint32_t>(m_ids.size());
		m_ids.emplace(name, id);
		return id;
	}

	// hs + {id}, shared between the many tokens and expansions that ask for the same set
	// (the cache keeps its keys alive, so their addresses are never reused).
	HideSet hide_add(const HideSet& hs, uint32_t id)
	{
		if (hide_has(hs, id))
			return hs;
		auto key = std::make_pair(static_cast<const void*>(hs.get()), id);
		auto it = m_hide_cache.find(key);
		if (it != m_hide_cache.end())
			return it->second.second;
		std::vector<uint32_t> v = hs ? *hs : std::vector<uint32_t>{};
		v.insert(std::lower_bound(v.begin(), v.end(), id), id);
		HideSet r = make_hide(std::move(v));
		m_hide_cache.emplace(key, std::make_pair(hs, r));
		return r;
	}

	static int param_index(const Macro& m, const Token& t)
	{
		if (t.kind != Tok::Ident)
			return -1;
		for (size_t i = 0; i < m.params.size(); i++)
			if (m.params[i] == t.text)
				return static_cast<int>(i);
		return -1;
	}

	// If `t` names a macro that may expand here, pushes its expansion and returns true.
	bool expand(Token& t)
	{
		auto it = m_macros.find(t.text);
		if (it == m_macros.end())
			return false;
		const Macro& m = it->second;
		if (hide_has(t.hide, m.id))
			return false;
		// Expansions that produce nothing can still multiply without bound.
		if (++m_expansions > kMaxExpansions) {
			error(t.loc, "macro expansion produces too many tokens", t.length);
			m_stop = true;
			return true;
		}
		if (m.builtin != BuiltinMacro::None) {
			Token r = t;
			r.hide = nullptr;
			switch (m.builtin) {
			case BuiltinMacro::File:
				r.kind = Tok::String;
				r.text = quote(m_sources.file(t.loc.file).name);
				break;
			case BuiltinMacro::Line:
				r.kind = Tok::Number;
				r.text = std::to_string(t.loc.line);
				break;
			case BuiltinMacro::Counter:
				r.kind = Tok::Number;
				r.text = std::to_string(m_counter++);
				break;
			case BuiltinMacro::None: break;
			}
			m_stack.push_back(std::move(r));
			m_stack.back().hide = hide_add(nullptr, m.id);
			return true;
		}
		if (!m.function_like) {
			TokenList body = m.body;
			HideSet hs = hide_add(t.hide, m.id);
			for (Token& b : body) {
				b.loc = t.loc;
				b.length = t.length;
				b.hide = hide_union(b.hide, hs);
			}
			body = paste_all(std::move(body));
			if (!body.empty())
				body[0].space = t.space;
			push_tokens(std::move(body));
			return true;
		}
		// Function-like: only when followed by '('.
		const Token* n = peek();
		if (!n || n->kind != Tok::LParen)
			return false;
		pop();
		std::vector<TokenList> args;
		Token rparen;
		if (!collect_args(m, t, args, rparen))
			return true;
		if (++m_depth > kMaxNesting) {
			error(t.loc, "macro expansion nesting too deep", t.length);
			m_stop = true;
			m_depth--;
			return true;
		}
		HideSet hs = hide_add(hide_intersect(t.hide, rparen.hide), m.id);
		TokenList body = substitute(m, args, t);
		for (Token& b : body) {
			b.hide = hide_union(b.hide, hs);
			b.bol = false;
		}
		if (!body.empty())
			body[0].space = t.space;
		push_tokens(std::move(body));
		m_depth--;
		return true;
	}

	static std::string quote(const std::string& s)
	{
		std::string r = "\"";
		for (char c : s) {
			if (c == '"' || c == '\\')
				r += '\\';
			r += c;
		}
		r += '"';
		return r;
	}

	// Reads the arguments of a function-like macro call; the '(' is consumed.
	bool collect_args(const Macro& m, const Token& name, std::vector<TokenList>& args, Token& rparen)
	{
		int depth = 0;
		args.emplace_back();
		while (true) {
			if (at_end() || stopped()) {
				error(name.loc, fmt::format("unterminated argument list invoking macro '{}'", m.name), name.length);
				return false;
			}
			Token t = pop();
			if (t.kind == Tok::Eof) {
				error(name.loc, fmt::format("unterminated argument list invoking macro '{}'", m.name), name.length);
				return false;
			}
			if (t.kind == Tok::Hash && t.bol && !t.hide && depth >= 0) {
				// A directive inside macro arguments: process it (GCC does for most).
				directive(t);
				continue;
			}
			if (t.kind == Tok::LParen)
				depth++;
			if (t.kind == Tok::RParen) {
				if (depth == 0) {
					rparen = std::move(t);
					break;
				}
				depth--;
			}
			if (t.kind == Tok::Comma && depth == 0 && !(m.variadic && args.size() == m.params.size())) {
				args.emplace_back();
				continue;
			}
			t.bol = false;
			args.back().push_back(std::move(t));
		}
		// f() passes one empty argument, which is right for one parameter and for none.
		if (m.params.empty() && args.size() == 1 && args[0].empty())
			args.clear();
		if (m.variadic && args.size() == m.params.size() - 1)
			args.emplace_back();   // the variadic part omitted entirely
		if (args.size() != m.params.size()) {
			error(name.loc, fmt::format("macro '{}' {} {} argument{}, but takes {}", m.name,
						    args.size() > m.params.size() ? "passed" : "requires",
						    args.size(), args.size() == 1 ? "" : "s", m.params.size()),
			      name.length);
			return false;
		}
		return true;
	}

	// Fully macro-expands an isolated token list (a macro argument, a #if line).
	TokenList expand_isolated(TokenList toks)
	{
		if (m_depth > kMaxNesting) {
			if (!m_stop)
				error(toks.empty() ? m_last_loc : toks[0].loc, "macro expansion nesting too deep");
			m_stop = true;
			Token eof;
			eof.kind = Tok::Eof;
			toks.push_back(eof);
			return toks;
		}
		m_depth++;
		std::vector<Token> saved;
		saved.swap(m_stack);
		push_tokens(std::move(toks));
		TokenList out = process(false);
		m_stack.swap(saved);
		m_depth--;
		return out;
	}

	TokenList substitute(const Macro& m, const std::vector<TokenList>& args, const Token& use)
	{
		TokenList out;
		std::vector<std::optional<TokenList>> expanded(args.size());
		auto expanded_arg = [&](int i) -> const TokenList& {
			if (!expanded[i]) {
				TokenList e = expand_isolated(args[i]);
				e.pop_back();
				expanded[i] = std::move(e);
			}
			return *expanded[i];
		};
		const TokenList& body = m.body;
		for (size_t i = 0; i < body.size(); i++) {
			const Token& t = body[i];
			// # param
			if (t.kind == Tok::Hash && i + 1 < body.size() && param_index(m, body[i + 1]) >= 0) {
				Token s = t;
				s.kind = Tok::String;
				s.text = stringize(args[param_index(m, body[i + 1])]);
				s.loc = use.loc;
				s.length = use.length;
				out.push_back(std::move(s));
				i++;
				continue;
			}
			// GNU: , ## __VA_ARGS__ drops the comma when the variadic argument is empty.
			if (t.kind == Tok::Comma && m.variadic && i + 2 < body.size() && body[i + 1].kind == Tok::HashHash &&
			    param_index(m, body[i + 2]) == static_cast<int>(m.params.size() - 1)) {
				const TokenList& va = args.back();
				if (!va.empty()) {
					Token c = t;
					c.loc = use.loc;
					c.length = use.length;
					out.push_back(std::move(c));
					for (const Token& a : va)
						out.push_back(a);
				}
				i += 2;
				continue;
			}
			int p = param_index(m, t);
			if (p >= 0) {
				bool pasted = (i + 1 < body.size() && body[i + 1].kind == Tok::HashHash) ||
					      (i > 0 && body[i - 1].kind == Tok::HashHash);
				const TokenList& a = pasted ? args[p] : expanded_arg(p);
				if (a.empty() && pasted) {
					Token pm;
					pm.kind = Tok::Placemarker;
					pm.loc = use.loc;
					out.push_back(std::move(pm));
					continue;
				}
				size_t first = out.size();
				for (const Token& x : a)
					out.push_back(x);
				if (out.size() > first)
					out[first].space = t.space;
				continue;
			}
			Token c = t;
			c.loc = use.loc;
			c.length = use.length;
			out.push_back(std::move(c));
		}
		return paste_all(std::move(out));
	}

	std::string stringize(const TokenList& arg)
	{
		std::string s = "\"";
		bool first = true;
		for (const Token& t : arg) {
			if (!first && t.space)
				s += ' ';
			first = false;
			if (t.kind == Tok::String || t.kind == Tok::Char) {
				for (char c : t.text) {
					if (c == '"' || c == '\\')
						s += '\\';
					s += c;
				}
			} else {
				s += t.text;
			}
		}
		s += '"';
		return s;
	}

	// Applies the ## operators of a substituted body.
	TokenList paste_all(TokenList in)
	{
		bool any = false;
		for (const Token& t : in)
			if (t.kind == Tok::HashHash || t.kind == Tok::Placemarker)
				any = true;
		if (!any)
			return in;
		TokenList out;
		for (size_t i = 0; i < in.size(); i++) {
			if (in[i].kind == Tok::HashHash && !out.empty() && i + 1 < in.size()) {
				Token rhs = in[i + 1];
				i++;
				Token& lhs = out.back();
				if (rhs.kind == Tok::Placemarker)
					continue;
				if (lhs.kind == Tok::Placemarker) {
					bool sp = lhs.space;
					lhs = rhs;
					lhs.space = sp;
					continue;
				}
				std::string text = lhs.text + rhs.text;
				std::optional<Token> pasted = lex_one(text, lhs);
				if (!pasted) {
					error(lhs.loc, fmt::format("pasting formed '{}', an invalid preprocessing token", text), lhs.length);
					continue;
				}
				pasted->hide = hide_union(lhs.hide, rhs.hide);
				lhs = std::move(*pasted);
				continue;
			}
			out.push_back(in[i]);
		}
		TokenList clean;
		for (Token& t : out)
			if (t.kind != Tok::Placemarker)
				clean.push_back(std::move(t));
		return clean;
	}

	// Lexes `text` as exactly one token (the result of ##), located at `at`.
	std::optional<Token> lex_one(const std::string& text, const Token& at)
	{
		SourceSet scratch;
		uint32_t id = scratch.add("<paste>", text);
		DiagnosticSink sink;
		TokenList toks = lex(scratch, id, sink);
		if (sink.has_errors() || toks.size() != 2 || toks[0].kind == Tok::Other)
			return std::nullopt;
		Token t = std::move(toks[0]);
		t.loc = at.loc;
		t.length = at.length;
		t.space = at.space;
		t.bol = false;
		return t;
	}

	// ---- predefined macros ----
	void define_builtins()
	{
		auto add = [&](const char* name, BuiltinMacro b) {
			Macro m;
			m.name = name;
			m.builtin = b;
			m.id = macro_id(name);
			m_macros[name] = std::move(m);
		};
		add("__FILE__", BuiltinMacro::File);
		add("__LINE__", BuiltinMacro::Line);
		add("__COUNTER__", BuiltinMacro::Counter);
	}

	std::string predefined_text() const
	{
		std::string s =
			"#define __STDC__ 1\n#define __STDC_VERSION__ 201112L\n#define __STDC_HOSTED__ 1\n"
			"#define __x86_64__ 1\n#define __x86_64 1\n#define __LP64__ 1\n#define _LP64 1\n"
			"#define __linux__ 1\n#define __linux 1\n#define __unix__ 1\n#define __kctx__ 1\n"
			"#define __CHAR_BIT__ 8\n#define __SIZEOF_INT__ 4\n#define __SIZEOF_LONG__ 8\n"
			"#define __SIZEOF_LONG_LONG__ 8\n#define __SIZEOF_POINTER__ 8\n#define __SIZEOF_SHORT__ 2\n"
			"#define __ORDER_LITTLE_ENDIAN__ 1234\n#define __ORDER_BIG_ENDIAN__ 4321\n"
			"#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__\n"
			"#define __inline inline\n#define __inline__ inline\n#define __restrict restrict\n"
			"#define __restrict__ restrict\n#define __const const\n#define __volatile__ volatile\n"
			"#define __volatile volatile\n#define __signed__ signed\n#define __signed signed\n"
			"#define __typeof__ typeof\n#define __typeof typeof\n#define __alignof__ _Alignof\n"
			"#define __alignof _Alignof\n#define __attribute __attribute__\n#define __asm__ asm\n#define __asm asm\n"
			"#define __builtin_expect(x, y) (x)\n#define __builtin_expect_with_probability(x, y, p) (x)\n"
			"#define __builtin_unreachable() do { } while (0)\n";
		if (m_options.world == abi::World::Kernel)
			s += "#define __KERNEL__ 1\n#define MODULE 1\n";
		for (const auto& [name, value] : m_options.defines)
			s += "#define " + name + " " + value + "\n";
		return s;
	}

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
	uint32_t m_depth = 0;
	bool m_prelude_included = false;
	bool m_stop = false;
};

}  // namespace

TokenList preprocess(SourceSet& sources, uint32_t file, const PreprocessOptions& options, DiagnosticSink& diags)
{
	return Preprocessor(sources, options, diags).run(file);
}

}  // namespace kctx::lang
