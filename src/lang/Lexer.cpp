#include "lang/Lexer.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace kctx::lang {

std::string_view tok_spelling(Tok kind)
{
	switch (kind) {
	case Tok::Eof: return "end of file";
	case Tok::Ident: return "identifier";
	case Tok::Number: return "number";
	case Tok::Char: return "character literal";
	case Tok::String: return "string literal";
	case Tok::Other: return "character";
	case Tok::Placemarker: return "";
#define KCTX_X(name, spelling) \
	case Tok::name: return spelling;
		KCTX_PUNCTUATORS(KCTX_X)
		KCTX_KEYWORDS(KCTX_X)
#undef KCTX_X
	}
	return "?";
}

namespace {

struct Punct {
	std::string_view text;
	Tok kind;
};
// Longest first so the first match is the longest.
constexpr std::array<Punct, 48> kPuncts = {{
	{"...", Tok::Ellipsis}, {"<<=", Tok::ShlAssign}, {">>=", Tok::ShrAssign},
	{"->", Tok::Arrow}, {"++", Tok::PlusPlus}, {"--", Tok::MinusMinus}, {"<<", Tok::Shl},
	{">>", Tok::Shr}, {"<=", Tok::Le}, {">=", Tok::Ge}, {"==", Tok::EqEq}, {"!=", Tok::Ne},
	{"&&", Tok::AmpAmp}, {"||", Tok::PipePipe}, {"*=", Tok::StarAssign},
	{"/=", Tok::SlashAssign}, {"%=", Tok::PercentAssign}, {"+=", Tok::PlusAssign},
	{"-=", Tok::MinusAssign}, {"&=", Tok::AmpAssign}, {"^=", Tok::CaretAssign},
	{"|=", Tok::PipeAssign}, {"##", Tok::HashHash},
	{"(", Tok::LParen}, {")", Tok::RParen}, {"[", Tok::LBracket}, {"]", Tok::RBracket},
	{"{", Tok::LBrace}, {"}", Tok::RBrace}, {";", Tok::Semi}, {",", Tok::Comma},
	{".", Tok::Dot}, {"&", Tok::Amp}, {"*", Tok::Star}, {"+", Tok::Plus}, {"-", Tok::Minus},
	{"~", Tok::Tilde}, {"!", Tok::Bang}, {"/", Tok::Slash}, {"%", Tok::Percent},
	{"<", Tok::Lt}, {">", Tok::Gt}, {"^", Tok::Caret}, {"|", Tok::Pipe},
	{"?", Tok::Question}, {":", Tok::Colon}, {"=", Tok::Assign}, {"#", Tok::Hash},
}};

bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

// UTF-8 in identifiers, as gcc 10 and later accept it: the characters C11 Annex D
// allows (D.1), not at the start if D.2 says so. Returns the length of the character at
// text[i] if it may be part of an identifier there, else 0.
size_t utf8_ident_char(std::string_view text, size_t i, bool first)
{
	auto u = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
	size_t n = u(0) >= 0xf0 && u(0) <= 0xf4 ? 4 : u(0) >= 0xe0 && u(0) < 0xf0 ? 3 : u(0) >= 0xc2 && u(0) < 0xe0 ? 2 : 0;
	if (n == 0 || i + n > text.size())
		return 0;
	uint32_t cp = u(0) & (0xff >> (n + 1));
	for (size_t k = 1; k < n; k++) {
		if ((u(k) & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u(k) & 0x3f);
	}
	static constexpr std::pair<uint32_t, uint32_t> kAllowed[] = {
		{0xa8, 0xa8}, {0xaa, 0xaa}, {0xad, 0xad}, {0xaf, 0xaf}, {0xb2, 0xb5}, {0xb7, 0xba}, {0xbc, 0xbe},
		{0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0xff}, {0x100, 0x167f}, {0x1681, 0x180d}, {0x180f, 0x1fff},
		{0x200b, 0x200d}, {0x202a, 0x202e}, {0x203f, 0x2040}, {0x2054, 0x2054}, {0x2060, 0x206f},
		{0x2070, 0x218f}, {0x2460, 0x24ff}, {0x2776, 0x2793}, {0x2c00, 0x2dff}, {0x2e80, 0x2fff},
		{0x3004, 0x3007}, {0x3021, 0x302f}, {0x3031, 0x303f}, {0x3040, 0xd7ff}, {0xf900, 0xfd3d},
		{0xfd40, 0xfdcf}, {0xfdf0, 0xfe44}, {0xfe47, 0xfffd}};
	static constexpr std::pair<uint32_t, uint32_t> kNotFirst[] = {
		{0x300, 0x36f}, {0x1dc0, 0x1dff}, {0x20d0, 0x20ff}, {0xfe20, 0xfe2f}};
	auto in = [cp](const auto& ranges) {
		return std::any_of(std::begin(ranges), std::end(ranges),
				   [cp](const auto& r) { return cp >= r.first && cp <= r.second; });
	};
	// D.1 also allows U+10000 to U+EFFFD but for the last two code points of each plane.
	bool allowed = in(kAllowed) || (cp >= 0x10000 && cp <= 0xeffff && (cp & 0xfffe) != 0xfffe);
	if (!allowed || (first && in(kNotFirst)))
		return 0;
	return n;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
public:
	Lexer(const SourceSet& sources, uint32_t file, DiagnosticSink& diags)
		: m_file(file), m_diags(diags)
	{
		const std::string& raw = sources.file(file).text;
		// Splice lines: drop every backslash-newline, remembering where each kept byte
		// came from so locations refer to the raw text.
		m_text.reserve(raw.size());
		m_raw_pos.reserve(raw.size() + 1);
		for (size_t i = 0; i < raw.size(); i++) {
			if (raw[i] == '\\') {
				size_t j = i + 1;
				if (j < raw.size() && raw[j] == '\r')
					j++;
				if (j < raw.size() && raw[j] == '\n') {
					i = j;
					continue;
				}
			}
			m_text.push_back(raw[i]);
			m_raw_pos.push_back(static_cast<uint32_t>(i));
		}
		m_raw_pos.push_back(static_cast<uint32_t>(raw.size()));
		m_line_starts.push_back(0);
		for (size_t i = 0; i < raw.size(); i++)
			if (raw[i] == '\n')
				m_line_starts.push_back(static_cast<uint32_t>(i + 1));
	}

	TokenList run()
	{
		TokenList out;
		bool bol = true;
		bool space = false;
		size_t n = m_text.size();
		size_t i = 0;
		while (i < n) {
			char c = m_text[i];
			if (c == '\n') {
				bol = true;
				space = false;
				i++;
				continue;
			}
			if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
				space = true;
				i++;
				continue;
			}
			if (c == '/' && i + 1 < n && m_text[i + 1] == '/') {
				while (i < n && m_text[i] != '\n')
					i++;
				space = true;
				continue;
			}
			if (c == '/' && i + 1 < n && m_text[i + 1] == '*') {
				size_t end = m_text.find("*/", i + 2);
				if (end == std::string::npos) {
					m_diags.error(loc_of(i), "unterminated /* comment", 2);
					i = n;
					break;
				}
				// A comment spanning lines still leaves the next token mid-line for
				// directive purposes only if it began mid-line; C treats a comment as one
				// space, so bol is unchanged.
				i = end + 2;
				space = true;
				continue;
			}
			Token t;
			t.bol = bol;
			t.space = space;
			t.loc = loc_of(i);
			size_t start = i;
			bol = false;
			space = false;
			if (is_ident_start(c) || utf8_ident_char(m_text, i, true)) {
				// A string or char literal prefix (L, u, U, u8) belongs to the literal.
				size_t j = i;
				while (j < n) {
					size_t len = is_ident_char(m_text[j]) ? 1 : utf8_ident_char(m_text, j, j == i);
					if (len == 0)
						break;
					j += len;
				}
				std::string_view word(m_text.data() + i, j - i);
				if (j < n && (m_text[j] == '"' || m_text[j] == '\'') &&
				    (word == "L" || word == "u" || word == "U" || word == "u8")) {
					i = lex_quoted(j, m_text[j], t);
				} else {
					t.kind = Tok::Ident;
					i = j;
				}
			} else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(m_text[i + 1]))) {
				size_t j = i + 1;
				while (j < n) {
					char d = m_text[j];
					if ((d == '+' || d == '-') && (m_text[j - 1] == 'e' || m_text[j - 1] == 'E' ||
								       m_text[j - 1] == 'p' || m_text[j - 1] == 'P')) {
						j++;
						continue;
					}
					if (is_ident_char(d) || d == '.') {
						j++;
						continue;
					}
					break;
				}
				t.kind = Tok::Number;
				i = j;
			} else if (c == '"' || c == '\'') {
				i = lex_quoted(i, c, t);
			} else {
				bool matched = false;
				for (const Punct& p : kPuncts) {
					if (m_text.compare(i, p.text.size(), p.text) == 0) {
						t.kind = p.kind;
						i += p.text.size();
						matched = true;
						break;
					}
				}
				if (!matched) {
					t.kind = Tok::Other;
					i++;
				}
			}
			t.text.assign(m_text, start, i - start);
			t.length = static_cast<uint32_t>(std::max<size_t>(1, m_raw_pos[i] - m_raw_pos[start]));
			out.push_back(std::move(t));
		}
		Token eof;
		eof.kind = Tok::Eof;
		eof.bol = true;
		eof.loc = loc_of(n);
		out.push_back(std::move(eof));
		return out;
	}

private:
	// Scans a literal whose opening quote is at `q`; returns the index after it. An
	// unterminated literal ends at the end of the line and becomes Tok::Other.
	size_t lex_quoted(size_t q, char quote, Token& t)
	{
		size_t n = m_text.size();
		size_t j = q + 1;
		while (j < n && m_text[j] != quote && m_text[j] != '\n') {
			if (m_text[j] == '\\' && j + 1 < n && m_text[j + 1] != '\n')
				j++;
			j++;
		}
		if (j >= n || m_text[j] != quote) {
			t.kind = Tok::Other;
			return j;
		}
		t.kind = quote == '"' ? Tok::String : Tok::Char;
		return j + 1;
	}

	SourceLoc loc_of(size_t i) const
	{
		uint32_t raw = m_raw_pos[std::min(i, m_raw_pos.size() - 1)];
		auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), raw);
		uint32_t line = static_cast<uint32_t>(it - m_line_starts.begin());
		uint32_t col = raw - m_line_starts[line - 1] + 1;
		return SourceLoc{m_file, line, col};
	}

	uint32_t m_file;
	DiagnosticSink& m_diags;
	std::string m_text;
	std::vector<uint32_t> m_raw_pos;
	std::vector<uint32_t> m_line_starts;
};

}  // namespace

TokenList lex(const SourceSet& sources, uint32_t file, DiagnosticSink& diags)
{
	return Lexer(sources, file, diags).run();
}

}  // namespace kctx::lang
