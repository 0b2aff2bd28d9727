// The binary operators' precedence is one table (Precedence.h) for the parser and the
// preprocessor's #if evaluator: the same expression groups the same way in both.
#include "lang/Precedence.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "lang/Preprocessor.h"
#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

// Each expression mixes levels so that any other grouping gives another value.
struct Case {
	const char* expr;
	int64_t value;
};
constexpr Case kCases[] = {
	{"1 + 2 * 3 == 7", 1},
	{"1 + 2 * 3", 7},
	{"10 - 4 - 3", 3},
	{"20 / 4 / 5", 1},
	{"10 / 2 % 3", 2},
	{"1 << 2 + 1", 8},
	{"64 >> 1 >> 2", 8},
	{"1 < 2 == 1", 1},
	{"3 > 2 > 1", 0},
	{"6 & 3 == 3", 0},
	{"1 | 2 ^ 3 & 6", 1},
	{"5 ^ 1 | 2", 6},
	{"1 || 0 && 0", 1},
	{"0 && 1 || 1", 1},
	{"2 + 3 << 1 < 11 == 1 & 5 | 8 ^ 1 && 1 || 0", 1},
	{"-2 * -3 + ~0", 5},
};

TEST(Precedence, TableLevels)
{
	static_assert(binary_precedence(Tok::PipePipe) < binary_precedence(Tok::AmpAmp));
	static_assert(binary_precedence(Tok::Amp) < binary_precedence(Tok::EqEq));
	static_assert(binary_precedence(Tok::Shl) < binary_precedence(Tok::Plus));
	static_assert(binary_precedence(Tok::Plus) < binary_precedence(Tok::Star));
	static_assert(binary_precedence(Tok::Star) == binary_precedence(Tok::Percent));
	static_assert(binary_precedence(Tok::Assign) < 0 && binary_precedence(Tok::Question) < 0);
}

TEST(Precedence, IfAndCAgree)
{
	for (const Case& c : kCases) {
		// #if: the line survives only if the expression has the expected value.
		SourceSet sources;
		DiagnosticSink diags;
		std::string text = fmt::format("#if ({}) == {}\nyes\n#else\nno\n#endif\n", c.expr, c.value);
		uint32_t file = sources.add("p.c", text);
		TokenList toks = preprocess(sources, file, PreprocessOptions{}, diags);
		ASSERT_FALSE(diags.has_errors()) << diags.render_all(sources);
		ASSERT_GE(toks.size(), 1u);
		EXPECT_EQ(toks[0].text, "yes") << "#if " << c.expr;
		// C: the parser's grouping, computed by the compiled code.
		Snippet r(fmt::format("long f(void) {{ return {}; }}", c.expr));
		ASSERT_TRUE(r.ok()) << r.diagnostics();
		EXPECT_EQ(r.icall("f"), c.value) << c.expr;
	}
}

}  // namespace
}  // namespace kctx::lang
