// Variadic function definitions and <stdarg.h>: va_start, va_arg of every scalar width,
// pointers, floating types and structures, va_copy, va_list passed on, and gcc's
// diagnostics for misuse.
#include <bit>
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

const char* kStdarg = "#include <stdarg.h>\n";

TEST(Variadic, SumsIntegers)
{
	Snippet r(std::string(kStdarg) +
		  "int sum(int n, ...) { va_list ap; int s = 0; va_start(ap, n);\n"
		  "  for (int i = 0; i < n; i++) s += va_arg(ap, int);\n"
		  "  va_end(ap); return s; }\n"
		  "int f(void) { return sum(4, 1, 2, 3, -10); }\n"
		  "int none(void) { return sum(0); }\n"
		  "long size(void) { va_list ap; return sizeof ap; }\n"
		  "long elem(void) { va_list ap; return sizeof ap[0]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), -4);
	EXPECT_EQ(r.icall("none"), 0);
	EXPECT_EQ(r.icall("size"), 24);   // x86-64: struct __va_list_tag[1]
	EXPECT_EQ(r.icall("elem"), 24);
}

TEST(Variadic, EveryWidthAndKindAfterPromotion)
{
	Snippet r(std::string(kStdarg) +
		  "struct pt { int x, y; long z; };\n"
		  "double mix(const char *kinds, ...) {\n"
		  "  va_list ap; double acc = 0; va_start(ap, kinds);\n"
		  "  for (const char *k = kinds; *k; k++) {\n"
		  "    switch (*k) {\n"
		  "    case 'i': acc = acc * 10 + va_arg(ap, int); break;\n"
		  "    case 'u': acc = acc * 10 + (va_arg(ap, unsigned int) == 4294967295u); break;\n"
		  "    case 'l': acc = acc * 10 + (va_arg(ap, long) == -5000000000L); break;\n"
		  "    case 'q': acc = acc * 10 + (va_arg(ap, unsigned long long) == 18446744073709551615ull); break;\n"
		  "    case 'p': acc = acc * 10 + *va_arg(ap, int *); break;\n"
		  "    case 's': acc = acc * 10 + va_arg(ap, const char *)[1] - '0'; break;\n"
		  "    case 'd': acc = acc * 10 + va_arg(ap, double); break;\n"
		  "    case 'L': acc = acc * 10 + va_arg(ap, long double); break;\n"
		  "    case 'S': { struct pt p = va_arg(ap, struct pt); acc = acc * 10 + p.x + p.y + p.z; break; }\n"
		  "    }\n"
		  "  }\n"
		  "  va_end(ap); return acc; }\n"
		  "double f(void) {\n"
		  "  char c = -3; short s = 7; unsigned char uc = 200; int seven = 7;\n"
		  "  float fl = 2.5f; long double ld = 4.0L; struct pt p = {1, 2, 3};\n"
		  "  return mix(\"iiiulqpsddLS\", c, s, uc - 198, -1, -5000000000L, ~0ull, &seven, \"x9\", fl, 1.5, ld, p);\n"
		  "}\n");
	COMPILE(r);
	// Digits: -3, 7, 2, 1, 1, 1, 7, 9, 2.5, 1.5, 4, 6 folded as acc*10 + d.
	double want = 0;
	for (double d : {-3.0, 7.0, 2.0, 1.0, 1.0, 1.0, 7.0, 9.0, 2.5, 1.5, 4.0, 6.0})
		want = want * 10 + d;
	EXPECT_DOUBLE_EQ(r.dcall("f"), want);
}

TEST(Variadic, NegativeNarrowIntegersArriveSignExtended)
{
	Snippet r(std::string(kStdarg) +
		  "long first(int n, ...) { va_list ap; va_start(ap, n); long v = va_arg(ap, int); va_end(ap); return v; }\n"
		  "long f(void) { signed char c = -128; return first(1, c); }\n"
		  "long g(void) { unsigned short s = 65535; return first(1, s); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), -128);
	EXPECT_EQ(r.icall("g"), 65535);
}

TEST(Variadic, VaListPassedOnAndCopied)
{
	Snippet r(std::string(kStdarg) +
		  "int vsum(int n, va_list ap) { int s = 0; while (n--) s += va_arg(ap, int); return s; }\n"
		  "int twice(int n, ...) {\n"
		  "  va_list ap, again; va_start(ap, n); va_copy(again, ap);\n"
		  "  int a = vsum(n, ap);\n"
		  "  int b = 0; for (int i = 0; i < n; i++) b = b * 10 + va_arg(again, int);\n"
		  "  va_end(again); va_end(ap); return a * 1000 + b; }\n"
		  "int f(void) { return twice(3, 1, 2, 3); }\n"
		  // va_start twice restarts the list.
		  "int restart(int n, ...) { va_list ap; va_start(ap, n); int a = va_arg(ap, int); va_end(ap);\n"
		  "  va_start(ap, n); int b = va_arg(ap, int); va_end(ap); return a == b; }\n"
		  "int g(void) { return restart(1, 42); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 6123);
	EXPECT_EQ(r.icall("g"), 1);
}

TEST(Variadic, ThroughFunctionPointersAndRecursion)
{
	Snippet r(std::string(kStdarg) +
		  "long pick(int i, ...) { va_list ap; va_start(ap, i); long v = 0; while (i-- >= 0) v = va_arg(ap, long); va_end(ap); return v; }\n"
		  "long f(void) { long (*p)(int, ...) = pick; return p(2, 10L, 20L, 30L, 40L); }\n"
		  "int depth(int n, ...) { va_list ap; va_start(ap, n); int v = va_arg(ap, int);\n"
		  "  int r = n ? depth(n - 1, v + 1) : v; va_end(ap); return r; }\n"
		  "int g(void) { return depth(5, 100); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 30);
	EXPECT_EQ(r.icall("g"), 105);
}

TEST(Variadic, WrapperAroundPrintf)
{
	Snippet r(std::string(kStdarg) + "#include <stdio.h>\n"
		  "static int say(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int n = va_arg(ap, int);\n"
		  "  printf(fmt, n); va_end(ap); return n; }\n"
		  "int main(void) { return say(\"n=%d\\n\", 7); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("main"), 7);
	EXPECT_EQ(r.output(), "n=7\n");
}

TEST(Variadic, UpToTheRegisterLimitAndADiagnosticBeyond)
{
	std::string args32, args33;
	for (int i = 1; i <= 32; i++)
		args32 += ", " + std::to_string(i);
	args33 = args32 + ", 33";
	Snippet r(std::string(kStdarg) +
		  "int sum(int n, ...) { va_list ap; int s = 0; va_start(ap, n); while (n--) s += va_arg(ap, int); va_end(ap); return s; }\n"
		  "int f(void) { return sum(32" + args32 + "); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 32 * 33 / 2);
	Snippet bad(std::string(kStdarg) +
		    "int sum(int n, ...) { return n; }\n"
		    "int f(void) { return sum(33" + args33 + "); }\n");
	ASSERT_FALSE(bad.ok());
	EXPECT_NE(bad.diagnostics().find("t.c:3:"), std::string::npos) << bad.diagnostics();
	EXPECT_NE(bad.diagnostics().find("kctx passes at most 32 arguments through '...' to a function defined in kernel C"),
		  std::string::npos)
		<< bad.diagnostics();
}

TEST(Variadic, VariadicWithoutVaStartNeedsNoSaveArea)
{
	Snippet r("int first(int n, ...) { return n * 2; }\nint f(void) { return first(21, 1, 2); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 42);
	auto idx = r.program().find_function("first");
	ASSERT_TRUE(idx);
	EXPECT_EQ(r.program().functions[*idx].frame_size, 16u);
}

TEST(Variadic, KernelModuleWrapper)
{
	Snippet r("#include <linux/kernel.h>\n#include <linux/stdarg.h>\n"
		  "static int dbg(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vprintk(fmt, ap); va_end(ap); return r; }\n"
		  "int f(void) { return dbg(\"x\"); }\n",
		  abi::World::Kernel);
	COMPILE(r);
}

std::string diagnostics_of(const std::string& src, abi::World world = abi::World::User)
{
	Snippet r(src, world);
	return r.diagnostics();
}

TEST(Variadic, VaStartInAFunctionWithFixedArguments)
{
	EXPECT_EQ(diagnostics_of(std::string(kStdarg) + "int f(int n) { va_list ap; va_start(ap, n); return 0; }\n"),
		  "t.c:2:28: error: 'va_start' used in function with fixed arguments\n"
		  "    2 | int f(int n) { va_list ap; va_start(ap, n); return 0; }\n"
		  "      |                            ^\n");
}

TEST(Variadic, VaStartNotOnTheLastNamedParameter)
{
	Snippet r(std::string(kStdarg) + "int f(int a, int b, ...) { va_list ap; va_start(ap, a); va_end(ap); return 0; }\n");
	COMPILE(r);
	EXPECT_NE(r.diagnostics().find("t.c:2:53: warning: second parameter of 'va_start' not last named argument"),
		  std::string::npos)
		<< r.diagnostics();
}

TEST(Variadic, VaArgOfAPromotedTypeWarnsAndTraps)
{
	Snippet r(std::string(kStdarg) + "int f(int n, ...) { va_list ap; va_start(ap, n); char c = va_arg(ap, char); va_end(ap); return c; }\n"
		  "int g(void) { return f(1, 'x'); }\n");
	COMPILE(r);
	std::string d = r.diagnostics();
	EXPECT_NE(d.find("t.c:2:70: warning: 'char' is promoted to 'int' when passed through '...'"), std::string::npos) << d;
	EXPECT_NE(d.find("note: (so you should pass 'int' not 'char' to 'va_arg')"), std::string::npos) << d;
	EXPECT_NE(d.find("note: if this code is reached, the program will abort"), std::string::npos) << d;
	r.expect_fault();
	(void)r.call("g");
	EXPECT_TRUE(r.faulted());
	EXPECT_EQ(r.fault(), vm::FaultKind::Trap);
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "double f(int n, ...) { va_list ap; va_start(ap, n); return va_arg(ap, float); }\n")
			  .find("warning: 'float' is promoted to 'double' when passed through '...'"),
		  std::string::npos);
}

TEST(Variadic, VaArgMisuse)
{
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "int f(int n, ...) { int x = 0; return va_arg(x, int); }\n")
			  .find("t.c:2:46: error: first argument to 'va_arg' not of type 'va_list'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "struct s;\nint f(int n, ...) { va_list ap; va_start(ap, n); va_arg(ap, struct s); return 0; }\n")
			  .find("error: second argument to 'va_arg' is of incomplete type 'struct s'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "int f(int n, ...) { va_list ap; va_start(ap, n); va_arg(ap, void); return 0; }\n")
			  .find("error: second argument to 'va_arg' is of incomplete type 'void'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "void f(int n, ...) { va_list ap; int *p = 0; va_copy(ap, p); }\n")
			  .find("error: second argument to 'va_copy' not of type 'va_list'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of(std::string(kStdarg) + "void f(int n, ...) { long ap; va_start(ap, n); }\n")
			  .find("error: first argument to 'va_start' not of type 'va_list'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n, ...) { va_list ap; }\n").find("unknown type name 'va_list' (add #include <stdarg.h>"),
		  std::string::npos);
}

}  // namespace
}  // namespace kctx::lang
