// UTF-8 in identifiers, as gcc 10 and later accept it (C11 Annex D ranges).
#include <gtest/gtest.h>

#include "lang/Lexer.h"

namespace kctx::lang {
namespace {

std::vector<std::string> idents(const std::string& text, std::string* errors = nullptr)
{
	SourceSet sources;
	uint32_t f = sources.add("u.c", text);
	DiagnosticSink diags;
	TokenList toks = lex(sources, f, diags);
	std::vector<std::string> out;
	for (const Token& t : toks)
		if (t.kind == Tok::Ident)
			out.push_back(t.text);
	if (errors)
		*errors = diags.render_all(sources);
	return out;
}

TEST(Utf8Identifiers, LettersOfAnyScriptAreIdentifierCharacters)
{
	EXPECT_EQ(idents("int größe = 変数 + πr2 + x😀;"),
		  (std::vector<std::string>{"int", "größe", "変数", "πr2", "x😀"}));
}

// A combining mark may not start an identifier (C11 D.2), but may follow its first
// character; U+00A0 (no-break space) is not in D.1 at all.
TEST(Utf8Identifiers, AnnexDExclusions)
{
	EXPECT_EQ(idents("e\u0301"), (std::vector<std::string>{"e\u0301"}));
	EXPECT_EQ(idents("\u0301e"), (std::vector<std::string>{"e"}));
	EXPECT_EQ(idents("a\u00a0b"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kctx::lang
