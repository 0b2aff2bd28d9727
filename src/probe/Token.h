#pragma once
// Tokens of the SystemTap 4.8 script language, as its lexer produces them.

#include <cstdint>
#include <string>
#include <vector>

namespace kctx::probe {

// One text the lexer reads: the script itself, or a command-line argument that
// `$N` substitutes as raw tokens.
struct Source {
	std::string name;
	std::string text;
};

enum class TokKind {
	Identifier,  // names, `$target` variables, `$#`
	Keyword,     // probe, global, if, foreach ...
	Number,      // raw digits and letters; converted (and range-checked) by the parser
	String,      // the value between the quotes; `\"` is unescaped, other escapes stay raw
	Operator,    // punctuation, preprocessor markers `%( %? %: %)`, and `@name`
	Embedded,    // `%{ ... %}`: refused outside guru mode
	Junk,        // a substitution that could not be made
	Eof,
};

struct Token {
	TokKind kind = TokKind::Eof;
	std::string text;
	const Source* source = nullptr;
	uint32_t offset = 0;  // byte offset of the first character in source->text
	uint32_t end = 0;     // one past the last character
	uint32_t line = 0;    // 1-based
	uint32_t col = 0;     // 1-based

	[[nodiscard]] bool is_op(const char* op) const { return kind == TokKind::Operator && text == op; }
	[[nodiscard]] bool is_keyword(const char* kw) const { return kind == TokKind::Keyword && text == kw; }
	// Whether `next` follows this token with no blank or comment between (probe-point
	// wildcards like `a*b` are glued from such tokens).
	[[nodiscard]] bool touches(const Token& next) const
	{
		return next.source == source && next.offset == end && next.kind != TokKind::Eof;
	}
};

using Tokens = std::vector<Token>;

}  // namespace kctx::probe
