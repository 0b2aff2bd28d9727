// The lexer and parser of init.sh: the part of POSIX shell grammar a scenario needs
// (simple commands, pipelines, '&&' and '||' lists, ';', '&', newlines, comments,
// quotes, $? $! $$, the redirections < > >> N> N>&M), with a
// clear diagnostic for each construct that is left out rather than a misparse.
#include <algorithm>
#include <fmt/format.h>

#include "shell/Script.h"

namespace kctx::shell {

bool Word::is_literal() const
{
	return std::none_of(parts.begin(), parts.end(),
			    [](const WordPart& p) { return p.param.has_value(); });
}

std::string Word::literal() const
{
	std::string s;
	for (const WordPart& p : parts)
		s += p.text;
	return s;
}

namespace {

enum class Tok : uint8_t {
	Word,
	Newline,
	Semi,          // ;
	Amp,           // &
	Great,         // >
	DGreat,        // >>
	Less,          // <
	GreatAnd,      // >&
	Pipe,          // |
	AndIf,         // &&
	OrIf,          // ||
	Unsupported,   // an operator init.sh does not have: ( ) ;; << <& >|
	Error,         // a lexical error, already reported
	End,
};

struct Token {
	Tok kind = Tok::End;
	size_t begin = 0;   // byte offsets in the text
	size_t end = 0;
	Word word;
	std::string_view op;
};

class Lexer;
// The commands of what the lexer reads (parse_commands_in's work).
[[nodiscard]] std::vector<Command> parse_with(Lexer& lx, DiagnosticSink& diags);

[[nodiscard]] bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Characters that end an unquoted word.
[[nodiscard]] bool is_meta(char c)
{
	return is_blank(c) || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' ||
	       c == '(' || c == ')';
}

[[nodiscard]] bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
public:
	// Lexes the file's bytes from begin to end: the whole script, or the inside of a $(...).
	Lexer(const SourceSet& sources, uint32_t file, DiagnosticSink& diags, size_t begin, size_t end, uint32_t depth)
	    : m_sources(sources), m_text(std::string_view(sources.file(file).text).substr(0, end)), m_file(file), m_diags(diags),
	      m_depth(depth), m_pos(begin)
	{
		find_lines();
	}
	// Lexes the inside of a `...`: `text` is it with the backslashes the shell removes
	// there taken out, and map[i] is the offset in the file of its byte i.
	Lexer(const SourceSet& sources, uint32_t file, DiagnosticSink& diags, std::string text, std::vector<size_t> map,
	      uint32_t depth)
	    : m_sources(sources), m_file(file), m_diags(diags), m_owned(std::move(text)), m_map(std::move(map)),
	      m_depth(depth)
	{
		m_text = m_owned;
		find_lines();
	}

	[[nodiscard]] Token next();

	[[nodiscard]] SourceLoc loc(size_t offset) const
	{
		if (!m_map.empty())
			offset = offset < m_map.size() ? m_map[offset] : m_map.back() + 1;
		auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
		auto line = static_cast<uint32_t>(it - m_line_starts.begin());
		return {m_file, line, static_cast<uint32_t>(offset - m_line_starts[line - 1] + 1)};
	}

	// Columns from begin to end, cut at the end of begin's line: the caret underline.
	[[nodiscard]] uint32_t length(size_t begin, size_t end) const
	{
		size_t nl = m_text.find('\n', begin);
		end = std::min(end, nl == std::string_view::npos ? m_text.size() : nl);
		return static_cast<uint32_t>(std::max<size_t>(1, end > begin ? end - begin : 1));
	}

	[[nodiscard]] std::string_view text() const { return m_text; }

private:
	void error(size_t begin, size_t end, std::string message)
	{
		m_diags.error(loc(begin), std::move(message), length(begin, end));
	}
	// After a lexical error: the rest of the line is not looked at.
	Token fail()
	{
		size_t nl = m_text.find('\n', m_pos);
		m_pos = nl == std::string_view::npos ? m_text.size() : nl;
		return Token{Tok::Error, m_pos, m_pos, {}, {}};
	}
	[[nodiscard]] char peek(size_t ahead = 0) const
	{
		return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
	}
	[[nodiscard]] bool at_end(size_t ahead = 0) const { return m_pos + ahead >= m_text.size(); }

	void find_lines()
	{
		std::string_view file = m_sources.file(m_file).text;
		m_line_starts.push_back(0);
		for (size_t i = 0; i < file.size(); i++)
			if (file[i] == '\n')
				m_line_starts.push_back(i + 1);
	}

	bool lex_word(Token& t);
	bool lex_backquoted(Word& w, bool in_quotes);
	bool lex_dollar(Word& w, bool in_quotes);
	bool lex_subst(Word& w, bool in_quotes);
	bool subst_allowed(size_t start, size_t open_len, std::string_view in_backquotes, std::string_view form);
	static void push_subst(Word& w, bool in_quotes, std::vector<Command> commands);
	[[nodiscard]] size_t matching_paren(size_t open) const;
	bool lex_double_quoted(Word& w);
	static void append(Word& w, char c)
	{
		if (w.parts.empty() || w.parts.back().param)
			w.parts.push_back({});
		w.parts.back().text += c;
	}
	// A quoted empty string is still a word: '' is an empty argument.
	static void touch(Word& w)
	{
		if (w.parts.empty())
			w.parts.push_back({});
	}

	const SourceSet& m_sources;
	std::string_view m_text;
	uint32_t m_file;
	DiagnosticSink& m_diags;
	std::string m_owned;        // a `...`'s text, which m_text views
	std::vector<size_t> m_map;  // a `...`'s: the file offset of each byte of m_text
	std::vector<size_t> m_line_starts;
	uint32_t m_depth = 0;   // of $(...)s around this text
	size_t m_pos = 0;
};

Token Lexer::next()
{
	for (;;) {
		while (!at_end() && is_blank(peek()))
			m_pos++;
		if (peek() == '\\' && peek(1) == '\n') {   // a line continuation between words
			m_pos += 2;
			continue;
		}
		if (peek() == '#') {
			size_t start = m_pos;
			size_t nl = m_text.find('\n', m_pos);
			m_pos = nl == std::string_view::npos ? m_text.size() : nl;
			if (m_text.substr(start).starts_with("#!kctx") && loc(start).line != 1)
				error(start, start + 6,
				      "the '#!kctx' settings line must be the first line of the script");
			continue;
		}
		break;
	}
	Token t;
	t.begin = m_pos;
	auto op = [&](Tok kind, size_t n) {
		t.kind = kind;
		t.op = m_text.substr(m_pos, n);
		m_pos += n;
		t.end = m_pos;
		return t;
	};
	if (at_end())
		return op(Tok::End, 0);
	char c = peek();
	char d = peek(1);
	switch (c) {
	case '\n': return op(Tok::Newline, 1);
	case ';': return d == ';' ? op(Tok::Unsupported, 2) : op(Tok::Semi, 1);
	case '&': return d == '&' ? op(Tok::AndIf, 2) : op(Tok::Amp, 1);
	case '|': return d == '|' ? op(Tok::OrIf, 2) : op(Tok::Pipe, 1);
	case '(':
	case ')': return op(Tok::Unsupported, 1);
	case '>':
		if (d == '>')
			return op(Tok::DGreat, 2);
		if (d == '&')
			return op(Tok::GreatAnd, 2);
		if (d == '|')
			return op(Tok::Unsupported, 2);
		return op(Tok::Great, 1);
	case '<': return d == '<' || d == '&' ? op(Tok::Unsupported, 2) : op(Tok::Less, 1);
	default: break;
	}
	t.kind = Tok::Word;
	if (!lex_word(t))
		return fail();
	t.end = m_pos;
	t.word.loc = loc(t.begin);
	t.word.length = length(t.begin, t.end);
	return t;
}

bool Lexer::lex_word(Token& t)
{
	Word& w = t.word;
	// An assignment word: NAME= with nothing quoted before the '=' (POSIX 2.10.2 rule 7).
	if (is_name_start(peek())) {
		size_t i = m_pos;
		while (i < m_text.size() && (is_name_start(m_text[i]) || std::isdigit(static_cast<unsigned char>(m_text[i]))))
			i++;
		w.assignment = i < m_text.size() && m_text[i] == '=';
	}
	while (!at_end() && !is_meta(peek())) {
		char c = peek();
		if (c == '\\') {
			if (peek(1) == '\n') {
				m_pos += 2;
				continue;
			}
			w.quoted = true;
			append(w, at_end(1) ? '\\' : peek(1));
			m_pos += at_end(1) ? 1 : 2;
			continue;
		}
		if (c == '\'') {
			size_t close = m_text.find('\'', m_pos + 1);
			if (close == std::string_view::npos) {
				error(m_pos, m_pos + 1, "unterminated quoted string");
				return false;
			}
			w.quoted = true;
			touch(w);
			for (size_t i = m_pos + 1; i < close; i++)
				append(w, m_text[i]);
			m_pos = close + 1;
			continue;
		}
		if (c == '"') {
			if (!lex_double_quoted(w))
				return false;
			continue;
		}
		if (c == '$') {
			if (!lex_dollar(w, false))
				return false;
			continue;
		}
		if (c == '`') {
			if (!lex_backquoted(w, false))
				return false;
			continue;
		}
		append(w, c);
		if (c == '*' || c == '?' || c == '[')
			w.parts.back().glob = true;
		m_pos++;
	}
	return true;
}

bool Lexer::lex_double_quoted(Word& w)
{
	size_t open = m_pos++;
	w.quoted = true;
	touch(w);
	for (;;) {
		if (at_end()) {
			error(open, open + 1, "unterminated quoted string");
			return false;
		}
		char c = peek();
		if (c == '"') {
			m_pos++;
			return true;
		}
		if (c == '\\') {
			// Inside double quotes a backslash escapes only these; before anything
			// else it is an ordinary character.
			char d = peek(1);
			if (d == '\n') {
				m_pos += 2;
				continue;
			}
			if (d == '$' || d == '`' || d == '"' || d == '\\') {
				append(w, d);
				m_pos += 2;
				continue;
			}
			append(w, c);
			m_pos++;
			continue;
		}
		if (c == '$') {
			if (!lex_dollar(w, true))
				return false;
			continue;
		}
		if (c == '`') {
			if (!lex_backquoted(w, true))
				return false;
			continue;
		}
		append(w, c);
		m_pos++;
	}
}

bool Lexer::lex_dollar(Word& w, bool in_quotes)
{
	size_t start = m_pos;
	char d = peek(1);
	auto param = [&](Param p) {
		w.parts.push_back({{}, p});
		m_pos += 2;
		return true;
	};
	switch (d) {
	case '?': return param(Param::LastStatus);
	case '!': return param(Param::LastBackgroundPid);
	case '$': return param(Param::ShellPid);
	default: break;
	}
	if (d == '(') {
		if (peek(2) == '(') {
			error(start, start + 3, "arithmetic expansion '$((...))' is not supported in init.sh");
			return false;
		}
		return lex_subst(w, in_quotes);
	}
	auto variable = [&](std::string_view name, size_t end) {
		WordPart p{{}, Param::Variable};
		p.name = std::string(name);
		p.split = !in_quotes;
		w.parts.push_back(std::move(p));
		m_pos = end;
		return true;
	};
	auto name_end = [&](size_t from) {
		size_t end = from;
		while (end < m_text.size() &&
		       (is_name_start(m_text[end]) || std::isdigit(static_cast<unsigned char>(m_text[end]))))
			end++;
		return end;
	};
	if (is_name_start(d))
		return variable(m_text.substr(start + 1, name_end(start + 1) - start - 1), name_end(start + 1));
	if (d == '{') {
		size_t close = m_text.find('}', start);
		size_t nl = m_text.find('\n', start);
		if (close == std::string_view::npos || close > nl) {
			error(start, start + 2, "missing '}'");
			return false;
		}
		std::string_view inside = m_text.substr(start + 2, close - start - 2);
		if (!inside.empty() && is_name_start(inside[0]) && name_end(start + 2) == close)
			return variable(inside, close + 1);
		if (inside.size() == 1 && (std::isdigit(static_cast<unsigned char>(inside[0])) || inside == "#" ||
					   inside == "@" || inside == "*"))
			return variable(inside, close + 1);
		if (inside == "?" || inside == "!" || inside == "$") {
			w.parts.push_back({{}, inside == "?" ? Param::LastStatus : inside == "!" ? Param::LastBackgroundPid : Param::ShellPid});
			m_pos = close + 1;
			return true;
		}
		error(start, close + 1,
		      fmt::format("'{}' is not supported in init.sh: only ${{NAME}}, ${{N}}, ${{#}}, ${{?}}, ${{!}} and ${{$}} are",
				  m_text.substr(start, close + 1 - start)));
		return false;
	}
	// The positional parameters: $0 to $9 (one digit: "$10" is "${1}0"), $#, $* and $@.
	// init.sh is run without arguments, so they expand to what the planner knows
	// (positional_value()).
	if (std::isdigit(static_cast<unsigned char>(d)) || d == '#' || d == '@' || d == '*')
		return variable(m_text.substr(start + 1, 1), start + 2);
	if (d == '-') {
		error(start, start + 2, "'$-' is not supported in init.sh");
		return false;
	}
	append(w, '$');   // a '$' that starts no expansion is itself
	m_pos++;
	return true;
}

// The ')' that closes the '(' at `open`, past quotes and nested parentheses; npos if none.
size_t Lexer::matching_paren(size_t open) const
{
	int depth = 0;
	for (size_t i = open; i < m_text.size(); i++) {
		char c = m_text[i];
		if (c == '\\') {
			i++;
			continue;
		}
		if (c == '\'') {
			size_t close = m_text.find('\'', i + 1);
			if (close == std::string_view::npos)
				return std::string_view::npos;
			i = close;
			continue;
		}
		if (c == '"') {
			for (i++; i < m_text.size() && m_text[i] != '"'; i++)
				if (m_text[i] == '\\')
					i++;
			continue;
		}
		if (c == '#' && (i == 0 || is_meta(m_text[i - 1]))) {   // a comment, to the end of its line
			size_t nl = m_text.find('\n', i);
			if (nl == std::string_view::npos)
				return std::string_view::npos;
			i = nl;
			continue;
		}
		if (c == '(')
			depth++;
		if (c == ')' && --depth == 0)
			return i;
	}
	return std::string_view::npos;
}

// $(COMMANDS): the inside is parsed as a script of its own (its errors are reported at
// their place) and kept with the word; the planner checks it is one pipeline.
bool Lexer::lex_subst(Word& w, bool in_quotes)
{
	size_t start = m_pos;
	if (!subst_allowed(start, 2, "$(...) inside backquotes is not supported in init.sh: write $(...) around it", "$(...)"))
		return false;
	size_t close = matching_paren(start + 1);
	if (close == std::string_view::npos) {
		error(start, start + 2, "unterminated '$('");
		return false;
	}
	size_t before = m_diags.all().size();   // the parser reports only errors
	std::vector<Command> commands = parse_commands_in(m_sources, m_file, m_diags, start + 2, close, m_depth + 1);
	m_pos = close + 1;
	if (m_diags.all().size() != before)
		return false;
	if (commands.empty()) {
		error(start, close + 1, "an empty command substitution '$()' is not supported in init.sh");
		return false;
	}
	push_subst(w, in_quotes, std::move(commands));
	return true;
}

// Neither form of command substitution nests inside backquotes (whose text is unescaped
// before it is lexed), nor deeper than kMaxSubstDepth.
bool Lexer::subst_allowed(size_t start, size_t open_len, std::string_view in_backquotes, std::string_view form)
{
	if (!m_map.empty()) {
		error(start, start + open_len, std::string(in_backquotes));
		return false;
	}
	if (m_depth + 1 >= kMaxSubstDepth) {
		error(start, start + open_len, fmt::format("{} nested more than {} deep in init.sh", form, kMaxSubstDepth - 1));
		return false;
	}
	return true;
}

// The substitution's commands become one part of the word, split into fields unless quoted.
void Lexer::push_subst(Word& w, bool in_quotes, std::vector<Command> commands)
{
	WordPart p{{}, Param::Subst};
	p.split = !in_quotes;
	p.commands = std::make_shared<std::vector<Command>>(std::move(commands));
	w.parts.push_back(std::move(p));
}

// `COMMANDS`: the old form of $(COMMANDS). Inside it a backslash before '$', '`' or '\\'
// (and '"' when the `...` is in double quotes) is removed before the commands are
// parsed (POSIX 2.6.3), so "\\$2" in a `...` is awk's "$2".
bool Lexer::lex_backquoted(Word& w, bool in_quotes)
{
	size_t start = m_pos;
	if (!subst_allowed(start, 1, "backquotes inside backquotes are not supported in init.sh: write $(...)",
			   "command substitutions"))
		return false;
	std::string inner;
	std::vector<size_t> map;
	size_t i = start + 1;
	for (; i < m_text.size() && m_text[i] != '`'; i++) {
		char c = m_text[i];
		if (c == '\\' && i + 1 < m_text.size()) {
			char n = m_text[i + 1];
			if (n == '$' || n == '`' || n == '\\' || (in_quotes && n == '"')) {
				inner += n;
				map.push_back(i + 1);
				i++;
				continue;
			}
		}
		inner += c;
		map.push_back(i);
	}
	if (i >= m_text.size()) {
		error(start, start + 1, "unterminated '`'");
		return false;
	}
	m_pos = i + 1;
	if (inner.find_first_not_of(" \t\n") == std::string::npos) {
		error(start, i + 1, "an empty command substitution '``' is not supported in init.sh");
		return false;
	}
	size_t before = m_diags.all().size();   // the parser reports only errors
	Lexer inside(m_sources, m_file, m_diags, std::move(inner), std::move(map), m_depth + 1);
	std::vector<Command> commands = parse_with(inside, m_diags);
	if (m_diags.all().size() != before)
		return false;
	push_subst(w, in_quotes, std::move(commands));
	return true;
}

[[nodiscard]] std::string unsupported_message(std::string_view op)
{
	if (op == "(" || op == ")")
		return "subshells and functions are not supported in init.sh";
	if (op == "<<")
		return "here-documents ('<<') are not supported in init.sh";
	if (op == ";;")
		return "syntax error: unexpected ';;'";
	return fmt::format("'{}' is not supported in init.sh", op);
}

// The command's text for the comment above its code: on one line, and unable to end
// the comment early.
[[nodiscard]] std::string one_line(std::string_view text)
{
	std::string s;
	for (size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
			c = '?';
		if (c == '/' && !s.empty() && s.back() == '*')
			s += ' ';
		s += c;
	}
	return s;
}

}   // namespace

std::vector<Command> parse_commands(const SourceSet& sources, uint32_t file, DiagnosticSink& diags)
{
	return parse_commands_in(sources, file, diags, 0, sources.file(file).text.size());
}

std::vector<Command> parse_commands_in(const SourceSet& sources, uint32_t file, DiagnosticSink& diags, size_t from,
				       size_t to, uint32_t depth)
{
	Lexer lx(sources, file, diags, from, to, depth);
	return parse_with(lx, diags);
}

namespace {

std::vector<Command> parse_with(Lexer& lx, DiagnosticSink& diags)
{
	std::vector<Command> commands;
	Command cur;
	bool started = false;
	size_t begin = 0;
	size_t end = 0;
	bool skipping = false;   // after an error, until the end of the line
	Token last;              // the previous token of this command

	auto error = [&](const Token& t, std::string message) {
		diags.error(lx.loc(t.begin), std::move(message), lx.length(t.begin, t.end));
		skipping = true;
	};
	auto reset = [&] {
		cur = Command{};
		started = false;
		last = Token{};
	};
	auto start_at = [&](const Token& t) {
		if (started)
			return;
		started = true;
		begin = t.begin;
		cur.loc = lx.loc(t.begin);
	};
	auto finish = [&](bool background, size_t stop, Connector next) {
		if (cur.words.empty()) {
			// Only redirections: the shell would just create the file.
			diags.error(cur.loc, "a redirection needs a command in init.sh",
				    lx.length(begin, end));
			reset();
			return;
		}
		cur.background = background;
		cur.next = next;
		cur.length = lx.length(begin, stop);
		cur.source = one_line(lx.text().substr(begin, stop - begin));
		commands.push_back(std::move(cur));
		reset();
	};
	// After '|', '&&' or '||' a command must follow, on this line or the next ones.
	bool need_command = false;
	Token dangling;

	for (;;) {
		Token t = lx.next();
		if (skipping) {
			if (t.kind == Tok::Newline || t.kind == Tok::End) {
				skipping = false;
				need_command = false;
				reset();
			}
			if (t.kind == Tok::End)
				break;
			continue;
		}
		switch (t.kind) {
		case Tok::Word:
			start_at(t);
			cur.words.push_back(std::move(t.word));
			end = t.end;
			last = Token{Tok::Word, t.begin, t.end, {}, {}};
			need_command = false;
			continue;
		case Tok::Great:
		case Tok::DGreat:
		case Tok::Less:
		case Tok::GreatAnd: {
			// "2>file": a digit word touching the operator names a file descriptor.
			int fd = t.kind == Tok::Less ? 0 : 1;
			size_t op_begin = t.begin;
			if (last.kind == Tok::Word && last.end == t.begin && !cur.words.empty() &&
			    !cur.words.back().quoted && cur.words.back().is_literal()) {
				std::string w = cur.words.back().literal();
				if (!w.empty() && std::all_of(w.begin(), w.end(),
							      [](char c) { return c >= '0' && c <= '9'; })) {
					if (w != "0" && w != "1" && w != "2") {
						error(Token{Tok::Word, last.begin, t.end, {}, {}},
						      fmt::format("redirecting file descriptor {} is not supported "
								  "in init.sh: only 0, 1 and 2 are",
								  w));
						continue;
					}
					fd = w[0] - '0';
					op_begin = last.begin;
					cur.words.pop_back();
				}
			}
			start_at(t);
			if (cur.words.empty())
				begin = std::min(begin, op_begin);
			Token target = lx.next();
			if (target.kind == Tok::Error) {
				skipping = true;
				continue;
			}
			if (target.kind != Tok::Word) {
				error(t, fmt::format("syntax error: expected a file name after '{}'", t.op));
				if (target.kind == Tok::Newline || target.kind == Tok::End) {
					skipping = false;
					reset();
				}
				if (target.kind == Tok::End)
					return commands;
				continue;
			}
			Redirect r;
			r.fd = fd;
			r.mode = t.kind == Tok::DGreat ? RedirectMode::Append
				 : t.kind == Tok::Less ? RedirectMode::Input
						       : RedirectMode::Truncate;
			r.loc = lx.loc(op_begin);
			r.length = lx.length(op_begin, target.end);
			if (t.kind == Tok::GreatAnd) {
				std::string to = target.word.is_literal() ? target.word.literal() : "";
				if (to != "0" && to != "1" && to != "2") {
					error(Token{Tok::Word, op_begin, target.end, {}, {}},
					      fmt::format("'{}>&{}' is not supported in init.sh: the target must "
							  "be 0, 1 or 2",
							  fd, target.word.literal()));
					continue;
				}
				r.mode = RedirectMode::Dup;
				r.dup_from = to[0] - '0';
			}
			r.target = std::move(target.word);
			cur.redirects.push_back(std::move(r));
			end = target.end;
			last = Token{Tok::Word, target.begin, target.end, {}, {}};
			continue;
		}
		case Tok::Unsupported: error(t, unsupported_message(t.op)); continue;
		case Tok::Error: skipping = true; continue;
		case Tok::Pipe:
		case Tok::AndIf:
		case Tok::OrIf:
			if (!started || cur.words.empty()) {
				error(t, fmt::format("syntax error: unexpected '{}'", t.op));
				continue;
			}
			finish(false, end,
			       t.kind == Tok::Pipe ? Connector::Pipe
			       : t.kind == Tok::AndIf ? Connector::And
						: Connector::Or);
			need_command = true;
			dangling = t;
			continue;
		case Tok::Semi:
		case Tok::Amp:
			if (!started || need_command) {
				error(t, fmt::format("syntax error: unexpected '{}'", t.op));
				continue;
			}
			finish(t.kind == Tok::Amp, t.kind == Tok::Amp ? t.end : end, Connector::None);
			continue;
		case Tok::Newline:
		case Tok::End:
			if (started)
				finish(false, end, Connector::None);
			if (t.kind == Tok::End) {
				if (need_command)
					diags.error(lx.loc(dangling.begin),
						    fmt::format("syntax error: end of file after '{}'", dangling.op),
						    lx.length(dangling.begin, dangling.end));
				return commands;
			}
			continue;
		}
	}
	return commands;
}

}   // namespace

}   // namespace kctx::shell
