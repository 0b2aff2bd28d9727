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

// tests/lang/bitfield_bool_and_enum.c: gcc gives an enum without negative values the
// underlying type unsigned int (c-decl.cc finish_enum), so an enum bit-field is unsigned
// and a converted -1 is not below zero; 64-bit values make the enum 8 bytes; each
// constant that fits is still an int.
TEST(Corpus, EnumUnderlyingTypeAsGcc)
{
	Snippet r("enum state { IDLE, RUN, WAIT, DONE };\n"
		  "struct task { enum state st : 2; };\n"
		  "int field(void) { struct task t = {WAIT}; return t.st; }\n"
		  "int below_zero(void) { enum state x = -1; return x < 0; }\n"
		  "int constant_is_int(void) { return IDLE - 1 < 0; }\n"
		  "enum neg { NEG = -1, POS };\n"
		  "int neg_below_zero(void) { enum neg y = -1; return y < 0; }\n"
		  "enum wide { W = 0x100000000 };\n"
		  "enum wide_signed { WS = -1, WB = 0x80000000 };\n"
		  "int sizes(void) { return sizeof(enum wide) * 10 + sizeof(enum wide_signed); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("field"), 2);
	EXPECT_EQ(r.icall("below_zero"), 0);
	EXPECT_EQ(r.icall("constant_is_int"), 1);
	EXPECT_EQ(r.icall("neg_below_zero"), 1);
	EXPECT_EQ(r.icall("sizes"), 88);
}

// tests/lang/func_name_macro.c: __func__ was an undeclared identifier.
TEST(Corpus, FuncIsTheFunctionsName)
{
	Snippet r("const char *name(void) { return __func__; }\n"
		  "unsigned long size(void) { return sizeof(__func__); }\n"
		  "const char *gnu(void) { return __FUNCTION__; }\n");
	COMPILE(r);
	EXPECT_EQ(r.read_string(r.call("name")), "name");
	EXPECT_EQ(r.icall("size"), 5);
	EXPECT_EQ(r.read_string(r.call("gnu")), "gnu");
}

// tests/lang/compound_literal_in_loop.c: C11 6.7.9p14 lets a char array's string
// literal be enclosed in braces; kctx made char s[] = {"ab"} a char[1] holding the
// literal's address.
TEST(Corpus, BracedStringLiteralInitializesACharArray)
{
	Snippet r("unsigned long size(void) { char s[] = {\"ab\"}; return sizeof s; }\n"
		  "int second(void) { char s[] = {\"ab\"}; return s[1]; }\n"
		  "char g[] = {\"xyz\"};\n"
		  "int global(void) { return sizeof g * 1000 + g[2]; }\n"
		  "struct w { char name[4]; int n; };\n"
		  "int nested(void) { struct w v = {{\"hi\"}, 7}; return v.name[1] * 100 + v.n; }\n"
		  "int literal(void) { char *p = (char[]){\"cd\"}; return p[0] + p[1] + sizeof((char[]){\"cd\"}); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("size"), 3);
	EXPECT_EQ(r.icall("second"), 'b');
	EXPECT_EQ(r.icall("global"), 4000 + 'z');
	EXPECT_EQ(r.icall("nested"), 'i' * 100 + 7);
	EXPECT_EQ(r.icall("literal"), 'c' + 'd' + 3);
}

}  // namespace
}  // namespace kctx::lang
