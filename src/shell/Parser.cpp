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
	Lexer(const SourceSet& sources, uint32_t file, DiagnosticSink& diags)
	    : m_text(sources.file(file).text), m_file(file), m_diags(diags)
	{
		m_line_starts.push_back(0);
		for (size_t i = 0; i < m_text.size(); i++)
			if (m_text[i] == '\n')
				m_line_starts.push_back(i + 1);
	}

	[[nodiscard]] Token next();

	[[nodiscard]] SourceLoc loc(size_t offset) const
	{
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

	bool lex_word(Token& t);
	bool lex_dollar(Word& w);
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

	std::string_view m_text;
	uint32_t m_file;
	DiagnosticSink& m_diags;
	std::vector<size_t> m_line_starts;
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
			if (!lex_dollar(w))
				return false;
			continue;
		}
		if (c == '`') {
			error(m_pos, m_pos + 1, "command substitution is not supported in init.sh");
			return false;
		}
		append(w, c);
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
			if (!lex_dollar(w))
				return false;
			continue;
		}
		if (c == '`') {
			error(m_pos, m_pos + 1, "command substitution is not supported in init.sh");
			return false;
		}
		append(w, c);
		m_pos++;
	}
}

bool Lexer::lex_dollar(Word& w)
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
		error(start, start + 2, "command substitution '$(...)' is not supported in init.sh");
		return false;
	}
	if (d == '{' || is_name_start(d)) {
		size_t end = start + 1;
		if (d == '{') {
			size_t close = m_text.find('}', start);
			size_t nl = m_text.find('\n', start);
			end = close != std::string_view::npos && close < nl ? close + 1 : start + 2;
		} else {
			while (end < m_text.size() && (is_name_start(m_text[end]) ||
						       std::isdigit(static_cast<unsigned char>(m_text[end]))))
				end++;
		}
		error(start, end,
		      fmt::format("variables are not supported in init.sh: '{}'",
				  m_text.substr(start, end - start)));
		return false;
	}
	if (std::isdigit(static_cast<unsigned char>(d)) || d == '#' || d == '@' || d == '*' || d == '-') {
		error(start, start + 2,
		      fmt::format("'${}' is not supported in init.sh (only $?, $! and $$ are)", d));
		return false;
	}
	append(w, '$');   // a '$' that starts no expansion is itself
	m_pos++;
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
	Lexer lx(sources, file, diags);
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

}   // namespace kctx::shell
