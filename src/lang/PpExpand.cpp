// Macro expansion (Prosser's algorithm with hide sets): object- and function-like
// macros, argument collection, substitution, # and ##, and rescanning.
#include <fmt/format.h>

#include "lang/Lexer.h"
#include "lang/PreprocessorImpl.h"

namespace kctx::lang::pp {

uint32_t Preprocessor::macro_id(const std::string& name)
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
HideSet Preprocessor::hide_add(const HideSet& hs, uint32_t id)
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

int Preprocessor::param_index(const Macro& m, const Token& t)
{
	if (t.kind != Tok::Ident)
		return -1;
	for (size_t i = 0; i < m.params.size(); i++)
		if (m.params[i] == t.text)
			return static_cast<int>(i);
	return -1;
}

// If `t` names a macro that may expand here, pushes its expansion and returns true.
bool Preprocessor::expand(Token& t)
{
	auto it = m_macros.find(t.text);
	if (it == m_macros.end())
		return false;
	const Macro& m = it->second;
	if (hide_has(t.hide, m.id))
		return false;
	// Expansions that produce nothing can still multiply without bound.
	if (++m_expansions > kMaxExpansions + m_source_tokens) {
		error(t.loc,
		      fmt::format("macro expansion produces too many tokens (more than {} macro expansions beyond one "
				  "for each of the {} tokens of the files read)",
				  kMaxExpansions, m_source_tokens),
		      t.length);
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

std::string Preprocessor::quote(const std::string& s)
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
bool Preprocessor::collect_args(const Macro& m, const Token& name, std::vector<TokenList>& args, Token& rparen)
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
	// gcc's wording (libcpp/macro.c _cpp_arguments_ok()): "passed N arguments, but takes
	// just M" for too many, "requires M arguments, but only N given" for too few.
	if (args.size() > m.params.size()) {
		error(name.loc, fmt::format("macro '{}' passed {} arguments, but takes just {}", m.name, args.size(),
					    m.params.size()),
		      name.length);
		return false;
	}
	if (args.size() < m.params.size()) {
		error(name.loc, fmt::format("macro '{}' requires {} argument{}, but only {} given", m.name, m.params.size(),
					    m.params.size() == 1 ? "" : "s", args.size()),
		      name.length);
		return false;
	}
	return true;
}

// Fully macro-expands an isolated token list (a macro argument, a #if line).
TokenList Preprocessor::expand_isolated(TokenList toks)
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

TokenList Preprocessor::substitute(const Macro& m, const std::vector<TokenList>& args, const Token& use)
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

std::string Preprocessor::stringize(const TokenList& arg)
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
TokenList Preprocessor::paste_all(TokenList in)
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
std::optional<Token> Preprocessor::lex_one(const std::string& text, const Token& at)
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

}  // namespace kctx::lang::pp
