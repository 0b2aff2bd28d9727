// long double: accepted with x86-64's layout (sizeof 16, _Alignof 16) and computed in
// double precision (README.md says so); literals with the L suffix are long double.
#include <bit>
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

TEST(LongDouble, LayoutIsGccs)
{
	Snippet r("struct s { char c; long double x; };\n"
		  "long size(void) { return sizeof(long double); }\n"
		  "long align(void) { return _Alignof(long double); }\n"
		  "long rec(void) { return sizeof(struct s); }\n"
		  "long off(void) { return __builtin_offsetof(struct s, x); }\n"
		  "long lit(void) { return sizeof 1.0L; }\n"
		  "long arr(void) { long double a[3]; return sizeof a; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("size"), 16);
	EXPECT_EQ(r.icall("align"), 16);
	EXPECT_EQ(r.icall("rec"), 32);
	EXPECT_EQ(r.icall("off"), 16);
	EXPECT_EQ(r.icall("lit"), 16);
	EXPECT_EQ(r.icall("arr"), 48);
}

TEST(LongDouble, ArithmeticAndConversions)
{
	Snippet r("long double half(long double x) { return x / 2; }\n"
		  "double mix(void) { long double a = 1.5L; double b = 2.25; float c = 0.25f; return a * b + c; }\n"
		  "int trunc_(void) { long double x = -7.9L; return (int)x; }\n"
		  "long double g = 3.5L;\n"
		  "long double arr[2] = { 1.25L, 2.5 };\n"
		  "double globals(void) { return g + arr[0] + arr[1]; }\n"
		  "double in_memory(void) { long double v[4]; for (int i = 0; i < 4; i++) v[i] = i * 0.5L; return v[3]; }\n"
		  "int compare(void) { long double a = 0.1L; double b = 0.1; return a == b; }\n"
		  "double st(void) { struct { long double x; int y; } s = { 6.5L, 2 }; return s.x / s.y; }\n");
	COMPILE(r);
	EXPECT_DOUBLE_EQ(r.dcall("half", {std::bit_cast<uint64_t>(5.0)}), 2.5);
	EXPECT_DOUBLE_EQ(r.dcall("mix"), 3.625);
	EXPECT_EQ(r.icall("trunc_"), -7);
	EXPECT_DOUBLE_EQ(r.dcall("globals"), 7.25);
	EXPECT_DOUBLE_EQ(r.dcall("in_memory"), 1.5);
	EXPECT_EQ(r.icall("compare"), 1);   // double precision: 0.1L == 0.1 (documented)
	EXPECT_DOUBLE_EQ(r.dcall("st"), 3.25);
}

TEST(LongDouble, UsualArithmeticConversionsPickLongDouble)
{
	Snippet r("long f(void) { double d = 1; long double l = 2; return sizeof(d + l); }\n"
		  "long g(void) { long double l = 2; return sizeof(l * 3); }\n"
		  "long h(void) { float f = 1; long double l = 2; return sizeof(l - f); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 16);
	EXPECT_EQ(r.icall("g"), 16);
	EXPECT_EQ(r.icall("h"), 16);
}

TEST(LongDouble, IsFloatingPointInKernelCode)
{
	Snippet r("long double f(void) { return 1.0L; }\n", abi::World::Kernel);
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.diagnostics().find("floating point"), std::string::npos) << r.diagnostics();
}

}  // namespace
}  // namespace kctx::lang
