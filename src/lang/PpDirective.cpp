// Preprocessing directives: #define/#undef, #include of the known headers, the
// conditional groups (#if/#ifdef/#elif/#else/#endif, skipping) and #if conditions
// (`defined`, then IfExpr.cpp), #error/#warning; #pragma and #line are ignored.
#include <fmt/format.h>

#include "abi/Prelude.h"
#include "lang/IfExpr.h"
#include "lang/PreprocessorImpl.h"

namespace kctx::lang::pp {

void Preprocessor::directive(const Token& hash)
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
		m_diags.warning(hash.loc, join_spelling(line), hash.length, "-W#warnings");
		return;
	}
	if (d == "pragma" && peek() && !peek()->bol && peek()->is_ident("once"))
		pragma_once(hash);
	if (d == "pragma" || d == "line" || d == "ident" || d == "sccs") {
		skip_line();
		return;
	}
	error(name.loc, fmt::format("invalid preprocessing directive #{}", d), name.length);
	skip_line();
}

std::string Preprocessor::join_spelling(const TokenList& line)
{
	std::string s;
	for (const Token& t : line) {
		if (!s.empty() && t.space)
			s += ' ';
		s += t.text;
	}
	return s;
}

void Preprocessor::push_cond(SourceLoc loc, bool value)
{
	m_conds.push_back({CondFrame::Part::If, value, loc});
	if (!value)
		skip_group();
}

void Preprocessor::do_else_endif(const Token& name)
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
void Preprocessor::skip_group()
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

void Preprocessor::do_define()
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
		m_diags.warning(m.loc, fmt::format("'{}' macro redefined", m.name), static_cast<uint32_t>(m.name.size()),
				"-Wmacro-redefined");
	m_macros[m.name] = std::move(m);
}

bool Preprocessor::same_definition(const Macro& a, const Macro& b)
{
	if (a.function_like != b.function_like || a.params != b.params || a.variadic != b.variadic ||
	    a.body.size() != b.body.size() || a.builtin != b.builtin)
		return false;
	for (size_t i = 0; i < a.body.size(); i++)
		if (a.body[i].text != b.body[i].text || (i > 0 && a.body[i].space != b.body[i].space))
			return false;
	return true;
}

void Preprocessor::do_undef()
{
	TokenList line = rest_of_line();
	if (line.empty() || line[0].kind != Tok::Ident) {
		error(line.empty() ? m_last_loc : line[0].loc, "macro name must be an identifier");
		return;
	}
	m_macros.erase(line[0].text);
}

void Preprocessor::do_include(const Token& name)
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
	bool quoted = !line.empty() && line[0].kind == Tok::String;
	switch (include_real_file(header, quoted, loc, len)) {
	case IncludeResult::Included:
	case IncludeResult::Refused:
		return;
	case IncludeResult::NotFound:
		break;
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
	error(loc, unknown_header_message(header, quoted, loc.file), len);
}

std::string Preprocessor::unknown_header_message(const std::string& header, bool quoted, uint32_t includer) const
{
	abi::World world = m_options.world;
	abi::World other = world == abi::World::Kernel ? abi::World::User : abi::World::Kernel;
	const auto& known = abi::known_headers(world);
	std::vector<std::string_view> names(known.begin(), known.end());
	std::string suggestion = closest_match(header, names);
	if (quoted) {
		// A header of the module's own: say where it was looked for.
		std::string msg = fmt::format("'{}' file not found{}", header, searched_dirs(includer, true));
		if (!suggestion.empty())
			msg += fmt::format("; did you mean <{}>?", suggestion);
		return msg;
	}
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
	// A header of the other world says so first: <linux/module.h> in a program is not a
	// typo of <linux/ioctl.h>.
	if (abi::known_header(other, header))
		msg += world == abi::World::Kernel ? "; <" + header + "> is a libc header, for user programs"
						  : "; <" + header + "> is a kernel header, for modules";
	else if (!suggestion.empty())
		msg += fmt::format("; did you mean <{}>?", suggestion);
	return msg;
}

bool Preprocessor::eval_condition(TokenList line, const Token& directive)
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

}  // namespace kctx::lang::pp
