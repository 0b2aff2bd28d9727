// Tokens of kernel C, from the lexer through the preprocessor to the parser. The lexer
// only makes preprocessing tokens (identifiers, numbers, literals, punctuators); keywords
// are recognized after preprocessing, because a macro may redefine any identifier.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/Diagnostic.h"

namespace kctx::lang {

// KCTX_PUNCT(name, spelling), longest spellings first within a common prefix is not
// required: the lexer matches the longest spelling itself.
#define KCTX_PUNCTUATORS(X)                                                                   \
	X(LParen, "(") X(RParen, ")") X(LBracket, "[") X(RBracket, "]") X(LBrace, "{")        \
	X(RBrace, "}") X(Semi, ";") X(Comma, ",") X(Dot, ".") X(Ellipsis, "...")              \
	X(Arrow, "->") X(PlusPlus, "++") X(MinusMinus, "--") X(Amp, "&") X(Star, "*")         \
	X(Plus, "+") X(Minus, "-") X(Tilde, "~") X(Bang, "!") X(Slash, "/") X(Percent, "%")   \
	X(Shl, "<<") X(Shr, ">>") X(Lt, "<") X(Gt, ">") X(Le, "<=") X(Ge, ">=") X(EqEq, "==") \
	X(Ne, "!=") X(Caret, "^") X(Pipe, "|") X(AmpAmp, "&&") X(PipePipe, "||")              \
	X(Question, "?") X(Colon, ":") X(Assign, "=") X(StarAssign, "*=")                     \
	X(SlashAssign, "/=") X(PercentAssign, "%=") X(PlusAssign, "+=")                       \
	X(MinusAssign, "-=") X(ShlAssign, "<<=") X(ShrAssign, ">>=") X(AmpAssign, "&=")       \
	X(CaretAssign, "^=") X(PipeAssign, "|=") X(Hash, "#") X(HashHash, "##")

// KCTX_KEYWORD(name, spelling): recognized by the parser, after preprocessing.
#define KCTX_KEYWORDS(X)                                                                       \
	X(KwAuto, "auto") X(KwBreak, "break") X(KwCase, "case") X(KwChar, "char")               \
	X(KwConst, "const") X(KwContinue, "continue") X(KwDefault, "default") X(KwDo, "do")     \
	X(KwDouble, "double") X(KwElse, "else") X(KwEnum, "enum") X(KwExtern, "extern")         \
	X(KwFloat, "float") X(KwFor, "for") X(KwGoto, "goto") X(KwIf, "if")                     \
	X(KwInline, "inline") X(KwInt, "int") X(KwLong, "long") X(KwRegister, "register")       \
	X(KwRestrict, "restrict") X(KwReturn, "return") X(KwShort, "short")                     \
	X(KwSigned, "signed") X(KwSizeof, "sizeof") X(KwStatic, "static")                       \
	X(KwStruct, "struct") X(KwSwitch, "switch") X(KwTypedef, "typedef")                     \
	X(KwUnion, "union") X(KwUnsigned, "unsigned") X(KwVoid, "void")                         \
	X(KwVolatile, "volatile") X(KwWhile, "while") X(KwBool, "_Bool")                        \
	X(KwAlignof, "_Alignof") X(KwAlignas, "_Alignas") X(KwStaticAssert, "_Static_assert")   \
	X(KwNoreturn, "_Noreturn") X(KwThreadLocal, "_Thread_local") X(KwGeneric, "_Generic")   \
	X(KwComplex, "_Complex") X(KwAtomic, "_Atomic") X(KwImaginary, "_Imaginary")            \
	X(KwTypeof, "typeof") X(KwAttribute, "__attribute__") X(KwAsm, "asm")                   \
	X(KwExtension, "__extension__") X(KwBuiltinOffsetof, "__builtin_offsetof")              \
	X(KwBuiltinVaList, "__builtin_va_list") X(KwInt128, "__int128")                         \
	X(KwBuiltinVaStart, "__builtin_va_start") X(KwBuiltinVaArg, "__builtin_va_arg")          \
	X(KwBuiltinVaEnd, "__builtin_va_end") X(KwBuiltinVaCopy, "__builtin_va_copy")

enum class Tok : uint8_t {
	Eof,
	Ident,
	Number,    // a preprocessing number: converted by the parser
	Char,      // a character literal, spelling with quotes
	String,    // a string literal, spelling with quotes
	Other,     // a stray character the lexer could not classify (an error when parsed)
#define KCTX_X(name, spelling) name,
	KCTX_PUNCTUATORS(KCTX_X)
	KCTX_KEYWORDS(KCTX_X)
#undef KCTX_X
	Placemarker,   // preprocessor-internal: an empty macro argument around ##
};

[[nodiscard]] std::string_view tok_spelling(Tok kind);

// The macros (by the preprocessor's id for each name) a token was produced by, so a
// macro is not re-expanded inside its own expansion (the "hide set" of Prosser's
// algorithm). Sorted and shared: tokens from one expansion step point at the same set.
using HideSet = std::shared_ptr<const std::vector<uint32_t>>;

struct Token {
	Tok kind = Tok::Eof;
	bool bol = false;     // first token of a source line (directives start with one)
	bool space = false;   // preceded by whitespace (for # stringizing)
	bool no_expand = false;   // an identifier that must never be expanded again
	SourceLoc loc;
	uint32_t length = 1;  // columns the token covers at loc (the caret underline)
	std::string text;     // spelling, with line continuations removed
	HideSet hide;

	[[nodiscard]] bool is(Tok k) const { return kind == k; }
	[[nodiscard]] bool is_ident(std::string_view name) const { return kind == Tok::Ident && text == name; }
};

using TokenList = std::vector<Token>;

}  // namespace kctx::lang
