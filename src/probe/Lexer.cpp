#include "probe/Lexer.h"

#include <array>
#include <cctype>
#include <string_view>

namespace kctx::probe {

namespace {

constexpr std::array kKeywords = {"probe", "global",   "private", "function", "if",     "else", "for",
				  "foreach", "in",     "limit",   "return",   "delete", "while", "break",
				  "continue", "next",  "string",  "long",     "try",    "catch"};

// Longest first, so the first prefix that matches is the longest operator.
constexpr std::array kOperators = {"<<<", "<<=", ">>=", "->", "==", "!=", "<=", ">=", "&&", "||", "++",
				   "--",  "+=",  "-=",  "*=", "/=", "%=", "&=", "^=", "|=", ".=", "<<",
				   ">>",  "=~",  "!~",  "%(", "%?", "%:", "%)", "{",  "}",  "(",  ")",
				   "[",   "]",   ",",   ";",  ":",  "?",  "=",  "+",  "-",  "*",  "/",
				   "%",   "&",   "|",   "^",  "~",  "!",  "<",  ">",  "."};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

class Lexer {
public:
	explicit Lexer(const Source& src) : m_src(src), m_text(src.text) {}

	Tokens run()
	{
		Tokens out;
		for (;;) {
			skip_blanks_and_comments();
			Token t = start_token();
			if (m_pos >= m_text.size()) {
				t.kind = TokKind::Eof;
				out.push_back(t);
				return out;
			}
			scan(t);
			t.end = static_cast<uint32_t>(m_pos);
			out.push_back(std::move(t));
		}
	}

private:
	char at(size_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }

	void advance()
	{
		if (m_text[m_pos] == '\n') {
			++m_line;
			m_col = 1;
		} else {
			++m_col;
		}
		++m_pos;
	}

	void advance_to(size_t pos)
	{
		while (m_pos < pos && m_pos < m_text.size())
			advance();
	}

	void skip_blanks_and_comments()
	{
		while (m_pos < m_text.size()) {
			char c = m_text[m_pos];
			if (std::isspace(static_cast<unsigned char>(c))) {
				advance();
			} else if (c == '#' || (c == '/' && at(m_pos + 1) == '/')) {
				while (m_pos < m_text.size() && m_text[m_pos] != '\n')
					advance();
			} else if (c == '/' && at(m_pos + 1) == '*') {
				// An unterminated comment runs to the end of the file, as in stap.
				size_t close = m_text.find("*/", m_pos + 2);
				advance_to(close == std::string_view::npos ? m_text.size() : close + 2);
			} else {
				return;
			}
		}
	}

	Token start_token() const
	{
		Token t;
		t.source = &m_src;
		t.offset = static_cast<uint32_t>(m_pos);
		t.end = t.offset;
		t.line = m_line;
		t.col = m_col;
		return t;
	}

	void take_while(bool (*pred)(char))
	{
		while (m_pos < m_text.size() && pred(m_text[m_pos]))
			advance();
	}

	void scan(Token& t)
	{
		char c = m_text[m_pos];
		size_t begin = m_pos;
		if ((c == '$' || c == '@') && at(m_pos + 1) == '#') {
			// `$#` and `@#` (the argument count) are not comments.
			advance_to(m_pos + 2);
			t.kind = c == '$' ? TokKind::Identifier : TokKind::Operator;
		} else if (ident_start(c)) {
			take_while(ident_char);
			t.kind = TokKind::Identifier;
		} else if (std::isdigit(static_cast<unsigned char>(c))) {
			// Letters are swallowed so that `2015a` is one (invalid) number, as in stap.
			take_while([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_'; });
			t.kind = TokKind::Number;
		} else if (c == '@' && (ident_char(at(m_pos + 1)))) {
			advance();
			take_while([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_'; });
			t.kind = TokKind::Operator;
		} else if (c == '"') {
			scan_string(t);
			return;
		} else if (c == '%' && at(m_pos + 1) == '{') {
			size_t close = m_text.find("%}", m_pos + 2);
			advance_to(close == std::string_view::npos ? m_text.size() : close + 2);
			t.kind = TokKind::Embedded;
			t.text = m_text.substr(begin, m_pos - begin);
			return;
		} else {
			scan_operator(t);
			return;
		}
		t.text = m_text.substr(begin, m_pos - begin);
		if (t.kind == TokKind::Identifier && is_keyword(t.text))
			t.kind = TokKind::Keyword;
	}

	void scan_string(Token& t)
	{
		advance();
		t.kind = TokKind::String;
		while (m_pos < m_text.size() && m_text[m_pos] != '"') {
			char c = m_text[m_pos];
			if (c == '\\' && m_pos + 1 < m_text.size()) {
				// Only the quote is unescaped; the printer re-escapes it. Every other
				// escape is kept as written, which is what `stap -p1` prints back.
				if (m_text[m_pos + 1] != '"')
					t.text += c;
				advance();
				c = m_text[m_pos];
			}
			t.text += c;
			advance();
		}
		if (m_pos >= m_text.size()) {
			t.kind = TokKind::Junk;
			t.text = m_text.substr(t.offset);
			return;
		}
		advance();
	}

	void scan_operator(Token& t)
	{
		std::string_view rest = std::string_view(m_text).substr(m_pos);
		for (const char* op : kOperators) {
			if (rest.starts_with(op)) {
				t.kind = TokKind::Operator;
				t.text = op;
				advance_to(m_pos + t.text.size());
				return;
			}
		}
		t.kind = TokKind::Junk;
		t.text = std::string(1, m_text[m_pos]);
		advance();
	}

	const Source& m_src;
	const std::string& m_text;
	size_t m_pos = 0;
	uint32_t m_line = 1;
	uint32_t m_col = 1;
};

}  // namespace

bool is_keyword(const std::string& word)
{
	for (const char* kw : kKeywords)
		if (word == kw)
			return true;
	return false;
}

Tokens lex(const Source& source) { return Lexer(source).run(); }

}  // namespace kctx::probe
