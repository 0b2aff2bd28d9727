// Regressions found by the tests/lang corpus (gcc vs kctx, byte for byte): each test
// names the corpus program that showed the bug.
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

// tests/lang/enum_values.c: an enumerator used in a later enumerator's initializer had
// no type yet, and the compiler crashed.
TEST(Corpus, EnumeratorUsedInsideItsOwnList)
{
	Snippet r("enum b { B0 = 5, B1, B2 = -3, B3, B4 = B1 + 10, B5 = B4 * B3 };\n"
		  "int f(void) { return B4; }\n"
		  "int g(void) { return B5; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 16);
	EXPECT_EQ(r.icall("g"), -32);
}

}  // namespace
}  // namespace kctx::lang
