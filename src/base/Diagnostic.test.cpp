#include "base/Diagnostic.h"

#include <gtest/gtest.h>

namespace kctx {
namespace {

std::string render_at(const std::string& text, uint32_t col, uint32_t length)
{
	SourceSet sources;
	uint32_t f = sources.add("x.c", text);
	return render(sources, Diagnostic{Severity::Error, SourceLoc{f, 1, col}, length, "m"});
}

// Control bytes from the input are escaped, and the caret still points at its byte.
TEST(Diagnostic, QuotedLineEscapesControlBytes)
{
	EXPECT_EQ(render_at("a\x1b[31mb\a c", 8, 1), "x.c:1:8: error: m\n"
						     "    1 | a\\x1b[31mb\\x07 c\n"
						     "      |           ^~~~\n");
	EXPECT_EQ(render_at("a\x1b[31mb\a c", 10, 1), "x.c:1:10: error: m\n"
						      "    1 | a\\x1b[31mb\\x07 c\n"
						      "      |                ^\n");
	EXPECT_EQ(render_at("a\x1b" "b", 2, 1), "x.c:1:2: error: m\n"
					  "    1 | a\\x1bb\n"
					  "      |  ^~~~\n");
}

// UTF-8 is shown as it is, one column a character; a stray byte is escaped.
TEST(Diagnostic, QuotedLineKeepsUtf8)
{
	EXPECT_EQ(render_at("int größe = x;", 15, 1), "x.c:1:15: error: m\n"
							 "    1 | int größe = x;\n"
							 "      |             ^\n");
	EXPECT_EQ(render_at("a\xff" "b", 3, 1), "x.c:1:3: error: m\n"
					  "    1 | a\\xffb\n"
					  "      |      ^\n");
}

}  // namespace
}  // namespace kctx
