// Execution tests: compile a snippet, run it on the interpreter, check the results.
#include <cstring>
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

TEST(Exec, ReturnsConstant)
{
	Snippet r("int f(void) { return 42; }");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 42);
}

TEST(Exec, Arithmetic)
{
	Snippet r("int add(int a, int b) { return a + b; }\n"
	      "int sub(int a, int b) { return a - b; }\n"
	      "int mul(int a, int b) { return a * b; }\n"
	      "int div(int a, int b) { return a / b; }\n"
	      "int rem(int a, int b) { return a % b; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("add", {2, 3}), 5);
	EXPECT_EQ(r.icall("sub", {2, 3}), -1);
	EXPECT_EQ(r.icall("mul", {7, static_cast<uint64_t>(-6)}), -42);
	EXPECT_EQ(r.icall("div", {static_cast<uint64_t>(-7), 2}), -3);
	EXPECT_EQ(r.icall("rem", {static_cast<uint64_t>(-7), 2}), -1);
}

TEST(Exec, IntegerPromotions)
{
	Snippet r("int f(void) { unsigned char a = 200, b = 100; return a + b; }\n"      // 300: promoted to int
		  "int g(void) { char c = 127; c++; return c; }\n"                        // wraps to -128
		  "unsigned h(void) { unsigned short s = 65535; s += 1; return s; }\n"    // 0
		  "int k(void) { signed char x = -1; unsigned char y = x; return y; }\n" // 255
		  "long m(void) { int i = -5; unsigned u = i; return u; }\n"             // 4294967291
		  "int n(void) { short s = -32768; return -s; }\n"                        // 32768
		  "int q(void) { unsigned char c = 0xf0; return ~c; }\n");               // -241
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 300);
	EXPECT_EQ(r.icall("g"), -128);
	EXPECT_EQ(r.icall("h"), 0);
	EXPECT_EQ(r.icall("k"), 255);
	EXPECT_EQ(r.icall("m"), 4294967291);
	EXPECT_EQ(r.icall("n"), 32768);
	EXPECT_EQ(r.icall("q"), -241);
}

TEST(Exec, UnsignedWrapAndCompare)
{
	Snippet r("unsigned f(void) { unsigned x = 0; return x - 1; }\n"
		  "unsigned long g(void) { unsigned long x = 0; return x - 1; }\n"
		  "int h(void) { int a = -1; unsigned b = 1; return a < b; }\n"          // 0: a converts to unsigned
		  "int k(void) { long a = -1; unsigned b = 1; return a < b; }\n"         // 1: b converts to long
		  "int m(unsigned a, unsigned b) { return a > b; }\n"
		  "unsigned n(unsigned a) { return a * 3; }\n"
		  "int o(void) { int x = 0x7fffffff; return x + 1; }\n");               // wraps (gcc -fwrapv)
	COMPILE(r);
	EXPECT_EQ(r.call("f"), 0xffffffffu);
	EXPECT_EQ(r.call("g"), ~0ull);
	EXPECT_EQ(r.icall("h"), 0);
	EXPECT_EQ(r.icall("k"), 1);
	EXPECT_EQ(r.icall("m", {0xffffffffu, 1}), 1);
	EXPECT_EQ(r.call("n", {0x80000000u}), 0x80000000u);
	EXPECT_EQ(r.icall("o"), -2147483648ll);
}

TEST(Exec, Shifts)
{
	Snippet r("int f(int x, int n) { return x << n; }\n"
		  "int g(int x, int n) { return x >> n; }\n"
		  "unsigned h(unsigned x, int n) { return x >> n; }\n"
		  "unsigned k(unsigned x, int n) { return x << n; }\n"
		  "long m(void) { return 1L << 40; }\n"
		  "unsigned long n(void) { return 1UL << 63; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {1, 31}), INT32_MIN);
	EXPECT_EQ(r.icall("g", {static_cast<uint64_t>(-16), 2}), -4);
	EXPECT_EQ(r.call("h", {0x80000000u, 31}), 1u);
	EXPECT_EQ(r.call("k", {0xffffffffu, 4}), 0xfffffff0u);
	EXPECT_EQ(r.icall("m"), 1ll << 40);
	EXPECT_EQ(r.call("n"), 1ull << 63);
}

TEST(Exec, Loops)
{
	Snippet r("int sum(int n) { int s = 0; for (int i = 1; i <= n; i++) s += i; return s; }\n"
		  "int wh(int n) { int c = 0; while (n > 1) { n = n % 2 ? 3 * n + 1 : n / 2; c++; } return c; }\n"
		  "int dw(void) { int i = 0; do { i += 2; } while (i < 7); return i; }\n"
		  "int br(void) { int i; for (i = 0; ; i++) { if (i == 5) break; } return i; }\n"
		  "int co(void) { int s = 0; for (int i = 0; i < 10; i++) { if (i & 1) continue; s += i; } return s; }\n"
		  "int nested(void) { int s = 0; for (int i = 0; i < 4; i++) for (int j = 0; j < i; j++) s++; return s; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("sum", {100}), 5050);
	EXPECT_EQ(r.icall("wh", {27}), 111);
	EXPECT_EQ(r.icall("dw"), 8);
	EXPECT_EQ(r.icall("br"), 5);
	EXPECT_EQ(r.icall("co"), 20);
	EXPECT_EQ(r.icall("nested"), 6);
}

TEST(Exec, SwitchFallThrough)
{
	Snippet r("int f(int x) {\n"
		  "	int r = 0;\n"
		  "	switch (x) {\n"
		  "	case 1: r += 1;\n"
		  "	case 2: r += 10; break;\n"
		  "	case 3: { r = 3; break; }\n"
		  "	case 5 ... 7: r = 57; break;\n"
		  "	default: r = -1;\n"
		  "	case 4: r += 100;\n"
		  "	}\n"
		  "	return r;\n"
		  "}\n"
		  "int g(unsigned char c) { switch (c) { case 255: return 1; case 0: return 2; } return 3; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {1}), 11);
	EXPECT_EQ(r.icall("f", {2}), 10);
	EXPECT_EQ(r.icall("f", {3}), 3);
	EXPECT_EQ(r.icall("f", {4}), 100);
	EXPECT_EQ(r.icall("f", {6}), 57);
	EXPECT_EQ(r.icall("f", {9}), 99);
	EXPECT_EQ(r.icall("g", {255}), 1);
	EXPECT_EQ(r.icall("g", {0}), 2);
	EXPECT_EQ(r.icall("g", {7}), 3);
}

TEST(Exec, GotoErrorPath)
{
	Snippet r("int step(int i, int fail) { return i == fail ? -12 : 0; }\n"
		  "int init(int fail) {\n"
		  "	int err, undone = 0;\n"
		  "	err = step(1, fail);\n"
		  "	if (err)\n"
		  "		goto out;\n"
		  "	err = step(2, fail);\n"
		  "	if (err)\n"
		  "		goto undo1;\n"
		  "	err = step(3, fail);\n"
		  "	if (err)\n"
		  "		goto undo2;\n"
		  "	return 0;\n"
		  "undo2:\n"
		  "	undone += 10;\n"
		  "undo1:\n"
		  "	undone += 1;\n"
		  "out:\n"
		  "	return err * 100 + undone;\n"
		  "}\n"
		  "int back(void) { int i = 0; again: i++; if (i < 10) goto again; return i; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("init", {0}), 0);
	EXPECT_EQ(r.icall("init", {1}), -1200);
	EXPECT_EQ(r.icall("init", {2}), -1199);
	EXPECT_EQ(r.icall("init", {3}), -1189);
	EXPECT_EQ(r.icall("back"), 10);
}

TEST(Exec, Recursion)
{
	Snippet r("int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
		  "long fact(long n) { if (n <= 1) return 1; return n * fact(n - 1); }\n"
		  "int even(int n); int odd(int n) { return n == 0 ? 0 : even(n - 1); }\n"
		  "int even(int n) { return n == 0 ? 1 : odd(n - 1); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("fib", {20}), 6765);
	EXPECT_EQ(r.icall("fact", {20}), 2432902008176640000ll);
	EXPECT_EQ(r.icall("even", {11}), 0);
	EXPECT_EQ(r.icall("odd", {11}), 1);
}

TEST(Exec, PointerArithmetic)
{
	Snippet r("long f(void) { int a[10]; int *p = &a[2], *q = &a[7]; return q - p; }\n"
		  "int g(void) { int a[5] = {1, 2, 3, 4, 5}; int *p = a; p += 3; return *p + p[-1] + *(p - 3); }\n"
		  "long h(void) { long a[4]; return (char *)&a[3] - (char *)a; }\n"
		  "int k(void) { int a[4] = {10, 20, 30, 40}; int *p = a + 4; int s = 0; while (p > a) s += *--p; return s; }\n"
		  "int m(void) { int a[3] = {5, 6, 7}; int *p = a; int x = *p++; return x * 10 + *p; }\n"
		  "int n(void) { struct s { int x; long y; } a[3]; struct s *p = a; p++; return (char *)p - (char *)a; }\n"
		  "int o(void) { int a[3] = {1, 2, 3}; return 2[a]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 5);
	EXPECT_EQ(r.icall("g"), 4 + 3 + 1);
	EXPECT_EQ(r.icall("h"), 24);
	EXPECT_EQ(r.icall("k"), 100);
	EXPECT_EQ(r.icall("m"), 56);
	EXPECT_EQ(r.icall("n"), 16);
	EXPECT_EQ(r.icall("o"), 3);
}

TEST(Exec, Arrays)
{
	Snippet r("int f(void) { int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;\n"
		  "  return m[2][3] + m[1][0] + sizeof(m) + sizeof(m[0]); }\n"
		  "int g(void) { char s[] = \"hello\"; return sizeof(s) * 100 + s[1]; }\n"
		  "int h(void) { int a[] = {1, 2, [5] = 9}; return sizeof(a) / sizeof(a[0]) * 100 + a[5] + a[3]; }\n"
		  "int sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }\n"
		  "int k(void) { int a[100]; for (int i = 0; i < 100; i++) a[i] = i; return sum(a, 100); }\n"
		  "int z(void) { int a[8] = {0}; int s = 0; for (int i = 0; i < 8; i++) s += a[i]; return s; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 23 + 10 + 48 + 16);
	EXPECT_EQ(r.icall("g"), 600 + 'e');
	EXPECT_EQ(r.icall("h"), 609);
	EXPECT_EQ(r.icall("k"), 4950);
	EXPECT_EQ(r.icall("z"), 0);
}

TEST(Exec, StructCopyPassReturn)
{
	Snippet r("struct point { int x, y; };\n"
		  "struct big { long a[4]; char c; };\n"
		  "struct point mk(int x, int y) { struct point p = { x, y }; return p; }\n"
		  "int dot(struct point a, struct point b) { a.x = 0; return a.x * b.x + a.y * b.y; }\n"
		  "int f(void) { struct point p = mk(3, 4), q; q = p; q.y = 7; return p.y * 10 + q.y; }\n"
		  "int g(void) { struct point a = {1, 2}, b = {3, 4}; int d = dot(a, b); return d * 10 + a.x; }\n"
		  "long h(void) { struct big x = { {1, 2, 3, 4}, 'z' }, y; y = x; x.a[0] = 100; return y.a[0] + y.a[3] + y.c; }\n"
		  "int k(void) { return mk(5, 6).y; }\n"
		  "int m(void) { struct point a[2] = {{1, 2}, {3, 4}}; struct point *p = &a[1]; return p->x * 10 + (*p).y; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 47);
	EXPECT_EQ(r.icall("g"), 81);
	EXPECT_EQ(r.icall("h"), 1 + 4 + 'z');
	EXPECT_EQ(r.icall("k"), 6);
	EXPECT_EQ(r.icall("m"), 34);
}

TEST(Exec, FunctionPointers)
{
	Snippet r("static int add(int a, int b) { return a + b; }\n"
		  "static int mul(int a, int b) { return a * b; }\n"
		  "typedef int (*binop)(int, int);\n"
		  "static binop ops[] = { add, mul };\n"
		  "struct calc { const char *name; int (*fn)(int, int); };\n"
		  "static struct calc calcs[2] = { { .name = \"add\", .fn = add }, { \"mul\", mul } };\n"
		  "int apply(binop f, int a, int b) { return f(a, b); }\n"
		  "int f(void) { return apply(add, 2, 3) * 100 + apply(&mul, 2, 3); }\n"
		  "int g(int i) { return ops[i](6, 7); }\n"
		  "int h(int i) { return calcs[i].fn(3, 3) + (*calcs[i].fn)(1, 1); }\n"
		  "int k(void) { int (*p)(int, int) = mul; return p == mul && p != add; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 506);
	EXPECT_EQ(r.icall("g", {0}), 13);
	EXPECT_EQ(r.icall("g", {1}), 42);
	EXPECT_EQ(r.icall("h", {0}), 8);
	EXPECT_EQ(r.icall("h", {1}), 10);
	EXPECT_EQ(r.icall("k"), 1);
}

TEST(Exec, GlobalsDesignatedInitializers)
{
	Snippet r("struct inner { int a; int b[3]; };\n"
		  "struct outer { char tag; struct inner in; long l; const char *s; };\n"
		  "static struct outer o = { .in.b[1] = 7, .tag = 'x', .l = -5, .in = { .a = 3 }, .s = \"str\" };\n"
		  "int counter = 10;\n"
		  "int *pc = &counter;\n"
		  "int arr[5] = { [1] = 1, [3] = 3, 4 };\n"
		  "static char name[16] = \"kctx\";\n"
		  "struct { int x; int y; } anon = { 1, 2 };\n"
		  "int f(void) { return o.tag + o.in.a * 1000 + o.in.b[1] * 100 + o.in.b[0] + o.l; }\n"
		  "int g(void) { (*pc)++; return counter; }\n"
		  "int h(void) { return arr[0] + arr[1] * 10 + arr[3] * 100 + arr[4] * 1000; }\n"
		  "int k(void) { return o.s[2] + name[3] + sizeof(name); }\n"
		  "int m(void) { static int calls; return ++calls; }\n"
		  "int n(void) { return anon.x + anon.y; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 'x' + 3000 + 700 - 5);
	EXPECT_EQ(r.icall("g"), 11);
	EXPECT_EQ(r.icall("h"), 4310);
	EXPECT_EQ(r.icall("k"), 'r' + 'x' + 16);
	EXPECT_EQ(r.icall("m"), 1);
	EXPECT_EQ(r.icall("m"), 2);
	EXPECT_EQ(r.icall("n"), 3);
	ASSERT_NE(r.program().find_global("m.calls"), nullptr);
	ASSERT_NE(r.program().find_global("counter"), nullptr);
	EXPECT_EQ(r.program().find_global("counter")->size, 4u);
}

TEST(Exec, StringLiterals)
{
	Snippet r("#include <string.h>\n"
		  "const char *msg(void) { return \"hello, \" \"world\\n\"; }\n"
		  "int len(void) { return strlen(msg()); }\n"
		  "int esc(void) { const char *s = \"\\x41\\101\\t\\0z\"; return s[0] + s[1] + s[2] + s[3] + s[4]; }\n"
		  "int ch(void) { return '\\n' + '\\0' + '\\377' + 'a'; }\n"
		  "int cmp(void) { return strcmp(\"abc\", \"abd\") < 0; }\n");
	COMPILE(r);
	EXPECT_EQ(r.read_string(r.call("msg")), "hello, world\n");
	EXPECT_EQ(r.icall("len"), 13);
	EXPECT_EQ(r.icall("esc"), 'A' + 'A' + '\t' + 0 + 'z');
	EXPECT_EQ(r.icall("ch"), '\n' + 0 - 1 + 'a');
	EXPECT_EQ(r.icall("cmp"), 1);
}

TEST(Exec, Floating)
{
	Snippet r("#include <math.h>\n"
		  "double f(double x) { return sqrt(x) + 0.5; }\n"
		  "int g(double x) { return (int)x; }\n"
		  "float h(float a, float b) { return a / b; }\n"
		  "double k(int i) { return i / 2.0; }\n"
		  "int m(double a, double b) { return (a < b) + (a == b) * 2 + !a * 4; }\n"
		  "unsigned long n(double d) { return d; }\n"
		  "double o(void) { double s = 0; for (int i = 0; i < 10; i++) s += 0.1; return s; }\n");
	COMPILE(r);
	auto bits = [](double d) { uint64_t u; std::memcpy(&u, &d, 8); return u; };
	EXPECT_DOUBLE_EQ(r.dcall("f", {bits(16.0)}), 4.5);
	EXPECT_EQ(r.icall("g", {bits(-3.9)}), -3);
	EXPECT_DOUBLE_EQ(r.dcall("h", {bits(1.0), bits(3.0)}), static_cast<double>(1.0f / 3.0f));
	EXPECT_DOUBLE_EQ(r.dcall("k", {static_cast<uint64_t>(-3)}), -1.5);
	EXPECT_EQ(r.icall("m", {bits(0.0), bits(1.0)}), 5);
	EXPECT_EQ(r.icall("m", {bits(2.0), bits(2.0)}), 2);
	EXPECT_EQ(r.call("n", {bits(1e19)}), 10000000000000000000ull);
	EXPECT_NEAR(r.dcall("o"), 1.0, 1e-12);
}

TEST(Exec, CompoundAssignAndIncDec)
{
	Snippet r("int f(void) { int a[3] = {1, 2, 3}; int i = 0; a[i++] += 10; a[i] *= 5; a[2] <<= 2; a[2] |= 1; return a[0] * 10000 + a[1] * 100 + a[2]; }\n"
		  "int g(void) { char c = 100; c += 100; return c; }\n"
		  "int h(void) { int x = 5; int y = x++ + ++x; return y * 10 + x; }\n"
		  "long k(void) { long v = 10; long *p = &v; (*p)--; --*p; return v; }\n"
		  "int m(void) { unsigned u = 7; u -= 8; return u == 0xffffffff; }\n"
		  "int n(void) { int x = 100; x /= 7; x %= 5; x ^= 3; x &= 6; return x; }\n"
		  "double o(void) { double d = 1.5; d *= 4; d -= 1; d++; return d; }\n"
		  "int p(void) { _Bool b = 0; b++; b++; int r = b; b--; return r * 10 + b; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 110000 + 1000 + 13);
	EXPECT_EQ(r.icall("g"), -56);
	EXPECT_EQ(r.icall("h"), 127);
	EXPECT_EQ(r.icall("k"), 8);
	EXPECT_EQ(r.icall("m"), 1);
	EXPECT_EQ(r.icall("n"), 6);
	EXPECT_DOUBLE_EQ(r.dcall("o"), 6.0);
	EXPECT_EQ(r.icall("p"), 10);
}

TEST(Exec, LogicalConditionalComma)
{
	Snippet r("static int calls;\n"
		  "static int t(int v) { calls++; return v; }\n"
		  "int f(void) { calls = 0; int r = t(0) && t(1); r = r * 10 + (t(1) || t(0)); return r * 100 + calls; }\n"
		  "int g(int x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }\n"
		  "int h(void) { int a = (1, 2, 3); return a; }\n"
		  "int k(int *p) { return p && *p == 3; }\n"
		  "int m(void) { int x = 3; return k(&x) + k(0) * 10; }\n"
		  "int n(int a, int b) { return !a + !!b * 2 + (a != b) * 4; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 102);
	EXPECT_EQ(r.icall("g", {5}), 1);
	EXPECT_EQ(r.icall("g", {static_cast<uint64_t>(-5)}), -1);
	EXPECT_EQ(r.icall("g", {0}), 0);
	EXPECT_EQ(r.icall("h"), 3);
	EXPECT_EQ(r.icall("m"), 1);
	EXPECT_EQ(r.icall("n", {0, 7}), 7);
}

TEST(Exec, UnionsEnumsTypedefsSizeof)
{
	Snippet r("#include <stddef.h>\n"
		  "union u { int i; unsigned char b[4]; };\n"
		  "enum color { RED, GREEN = 5, BLUE };\n"
		  "typedef struct node { int v; struct node *next; } node_t;\n"
		  "struct anon { int a; struct { int b; int c; }; union { long d; char e; }; };\n"
		  "int f(void) { union u x; x.i = 0x01020304; return x.b[0] * 10 + x.b[3]; }\n"
		  "int g(void) { enum color c = BLUE; return c + GREEN + sizeof(enum color); }\n"
		  "int h(void) { node_t b = { 2, 0 }, a = { 1, &b }; return a.next->v + sizeof(node_t); }\n"
		  "int k(void) { struct anon s = { .a = 1, .c = 3, .d = 4 }; s.b = 2; return s.a + s.b * 10 + s.c * 100 + s.d * 1000 + offsetof(struct anon, d) * 10000; }\n"
		  "int m(void) { long x; typeof(x) y = 5; return sizeof(y) + _Alignof(long) + sizeof(struct { char c; long l; }); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 41);
	EXPECT_EQ(r.icall("g"), 15);
	EXPECT_EQ(r.icall("h"), 18);
	EXPECT_EQ(r.icall("k"), 4321 + 160000);
	EXPECT_EQ(r.icall("m"), 32);
}

TEST(Exec, CompoundLiteralsAndStatementExpressions)
{
	Snippet r("struct p { int x, y; };\n"
		  "static int sum(struct p *q) { return q->x + q->y; }\n"
		  "int f(void) { return sum(&(struct p){ 3, 4 }); }\n"
		  "int g(void) { int *a = (int[]){ 1, 2, 3 }; return a[2]; }\n"
		  "#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })\n"
		  "int h(int x, int y) { return max(x, y) * 10 + max(x, 3); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 7);
	EXPECT_EQ(r.icall("g"), 3);
	EXPECT_EQ(r.icall("h", {5, 9}), 95);
}

TEST(Exec, KernelModuleMetadata)
{
	Snippet r("#include <linux/module.h>\n"
		  "#include <linux/timer.h>\n"
		  "static int count = 3;\n"
		  "module_param(count, int, 0644);\n"
		  "struct thing { int id; struct timer_list timer; };\n"
		  "static struct thing th;\n"
		  "static void fn(struct timer_list *t) { struct thing *x = from_timer(x, t, timer); x->id++; }\n"
		  "static int __init my_init(void) { th.id = count; fn(&th.timer); return th.id; }\n"
		  "static void __exit my_exit(void) { }\n"
		  "module_init(my_init);\n"
		  "module_exit(my_exit);\n"
		  "MODULE_LICENSE(\"GPL\");\n"
		  "MODULE_AUTHOR(\"me\");\n",
		  abi::World::Kernel);
	COMPILE(r);
	EXPECT_EQ(r.icall("my_init"), 4);
	const vm::Program& p = r.program();
	ASSERT_NE(p.find_global("__kctx_module_init"), nullptr);
	ASSERT_NE(p.find_global("__kctx_module_exit"), nullptr);
	ASSERT_NE(p.find_global("__kctx_param_int__count"), nullptr);
	const vm::Global* lic = p.find_global("__kctx_module_license");
	ASSERT_NE(lic, nullptr);
	EXPECT_EQ(std::string(reinterpret_cast<const char*>(p.data.data() + lic->offset)), "GPL");
	EXPECT_EQ(lic->size, 4u);
	bool found = false;
	for (const vm::Relocation& rel : p.relocations)
		if (rel.offset == p.find_global("__kctx_module_init")->offset) {
			found = true;
			EXPECT_EQ(rel.kind, vm::Relocation::Kind::Function);
			EXPECT_EQ(rel.target, *p.find_function("my_init"));
		}
	EXPECT_TRUE(found);
}

TEST(Exec, UnboundedRecursionOverflowsTheStack)
{
	Snippet r("int down(int n) { return down(n + 1) + 1; }\n");
	COMPILE(r);
	r.expect_fault();
	(void)r.call("down", {0});
	EXPECT_TRUE(r.faulted());
	EXPECT_EQ(r.fault(), vm::FaultKind::StackOverflow);
}

TEST(Exec, FallingOffANonVoidFunctionTraps)
{
	Snippet r("int f(int x) { if (x) return 1; }\nint main(void) { }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {1}), 1);
	EXPECT_EQ(r.icall("main"), 0);
	r.expect_fault();
	(void)r.call("f", {0});
	EXPECT_EQ(r.fault(), vm::FaultKind::Trap);
}

TEST(Exec, IntMinByMinusOneTrapsAsIdivlDoes)
{
	// gcc divides ints with idivl, which raises #DE for INT_MIN / -1 and INT_MIN % -1
	// (a SIGFPE in a program, a divide-error oops in the kernel); long / long is idivq and
	// traps only at LONG_MIN / -1. So the int division must not be done in 64 bits.
	Snippet r("int quo(int a, int b) { return a / b; }\n"
		  "int rem(int a, int b) { return a % b; }\n"
		  "long lquo(long a, long b) { return a / b; }\n"
		  "int div_assign(int a, int b) { a /= b; return a; }\n");
	COMPILE(r);
	const uint64_t int_min = static_cast<uint64_t>(int64_t{INT32_MIN});
	const uint64_t minus_one = static_cast<uint64_t>(-1);
	EXPECT_EQ(r.icall("quo", {int_min + 1, minus_one}), INT32_MAX);
	EXPECT_EQ(r.icall("rem", {int_min + 1, minus_one}), 0);
	EXPECT_EQ(r.icall("lquo", {int_min, minus_one}), -int64_t{INT32_MIN});
	for (const char* fn : {"quo", "rem", "div_assign"}) {
		r.expect_fault();
		(void)r.call(fn, {int_min, minus_one});
		EXPECT_TRUE(r.faulted()) << fn;
		EXPECT_EQ(r.fault(), vm::FaultKind::DivideByZero) << fn;
	}
}

TEST(Exec, BitFields)
{
	Snippet r("struct flags { unsigned a : 3; int b : 5; unsigned : 0; unsigned c : 1; _Bool d : 1; long e : 40; };\n"
		  "static struct flags g = { .a = 5, .b = -3, .c = 1, .e = -2 };\n"
		  "int f(void) { return g.a * 1000 + g.b * 10 + g.c; }\n"
		  "long h(void) { return g.e; }\n"
		  "int k(void) { struct flags x = { 7, 15 }; x.a++; x.b += 2; x.d = 5; return x.a * 1000 + x.b * 10 + x.d; }\n"
		  "int m(void) { struct flags x = {0}; int v = (x.a = 9); return v * 100 + x.a - 1; }\n"
		  "int n(void) { return sizeof(struct flags) * 100 + (g.a - 6 < 0); }\n"
		  "int o(void) { struct { char c; int x : 4; int y : 30; } s; return sizeof(s); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 5000 - 30 + 1);
	EXPECT_EQ(r.icall("h"), -2);
	EXPECT_EQ(r.icall("k"), 0 + -15 * 10 + 1);   // a: 8 wraps to 0; b: 15 + 2 = 17 wraps to -15
	EXPECT_EQ(r.icall("m"), 100 + 1 - 1);
	EXPECT_EQ(r.icall("n"), 1601);   // 16 bytes (gcc); unsigned:3 promotes to int
	EXPECT_EQ(r.icall("o"), 8);
}

TEST(Exec, LargeFramesAndData)
{
	Snippet r("static int big[20000];\n"
		  "static int after = 7;\n"
		  "int f(void) { int a[10000]; int x = 3; a[9999] = 5; a[0] = 1; big[19999] = 2; return a[9999] + a[0] + x + big[19999] + after; }\n"
		  "int g(void) { struct { char pad[40000]; int v; } s; s.v = 9; int *p = &s.v; return *p + s.v; }\n"
		  "int h(int i) { static char buf[50000]; buf[i] = 'q'; return buf[i] + sizeof(buf); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 5 + 1 + 3 + 2 + 7);
	EXPECT_EQ(r.icall("g"), 18);
	EXPECT_EQ(r.icall("h", {45000}), 'q' + 50000);
}

TEST(Exec, ManyArgumentsAndPointers)
{
	Snippet r("long sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j)\n"
		  "{ return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j; }\n"
		  "long f(void) { return sum10(1, 1, 1, 1, 1, 1, 1, 1, 1, 1); }\n"
		  "static void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }\n"
		  "int g(void) { int x = 1, y = 2; int *p = &x, *q = &y; swap(&p, &q); return *p * 10 + *q; }\n"
		  "static const char *names[] = { \"zero\", \"one\", \"two\" };\n"
		  "int h(int i) { const char *s = names[i]; int n = 0; while (*s++) n++; return n; }\n"
		  "unsigned long k(void) { char buf[4]; char *p = buf; unsigned long v = (unsigned long)p; return (unsigned long)(p + 3) - v; }\n"
		  "long long m(void) { long long x = -9; return x / 2 + x % 2 * 100; }\n"
		  "unsigned long n(void) { unsigned long x = 0xffffffffffffffffUL; return x / 3; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 55);
	EXPECT_EQ(r.icall("g"), 21);
	EXPECT_EQ(r.icall("h", {0}), 4);
	EXPECT_EQ(r.icall("h", {2}), 3);
	EXPECT_EQ(r.call("k"), 3u);
	EXPECT_EQ(r.icall("m"), -4 - 100);
	EXPECT_EQ(r.call("n"), 0x5555555555555555ull);
}

TEST(Exec, ControlFlowCorners)
{
	Snippet r("int f(int n) { int s = 0; for (int i = 0; i < n; i++) { switch (i % 3) { case 0: continue; case 1: s += 1; break; default: s += 10; } s += 100; } return s; }\n"
		  "int g(void) { int i = 0, s = 0; do { i++; if (i == 2) continue; s += i; } while (i < 4); return s; }\n"
		  "int h(void) { int i, j; for (i = 0, j = 10; i < j; i++, j--) ; return i * 100 + j; }\n"
		  "int k(void) { int x = 5; int n = sizeof(x++); return x * 10 + n; }\n"
		  "long m(int a, unsigned b, long c) { return a < 0 ? a : b > 5 ? b : c; }\n"
		  "int o(double d, int i) { return (d < i) + (i == d) * 2; }\n"
		  "int p(int n) { int r = 0; while (1) { if (n-- <= 0) break; r += 2; } return r; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {7}), 1 + 100 + 10 + 100 + 1 + 100 + 10 + 100);
	EXPECT_EQ(r.icall("g"), 1 + 3 + 4);
	EXPECT_EQ(r.icall("h"), 505);
	EXPECT_EQ(r.icall("k"), 54);
	EXPECT_EQ(r.icall("m", {static_cast<uint64_t>(-3), 0, 0}), -3);
	EXPECT_EQ(r.icall("m", {1, 9, 0}), 9);
	EXPECT_EQ(r.icall("m", {1, 2, static_cast<uint64_t>(-8)}), -8);
	uint64_t half;
	double d = 2.5;
	std::memcpy(&half, &d, 8);
	EXPECT_EQ(r.icall("o", {half, 3}), 1);
	EXPECT_EQ(r.icall("p", {4}), 8);
}

TEST(Exec, StructsThroughPointers)
{
	Snippet r("struct in { int a[3]; };\n"
		  "struct out { long tag; struct in in; struct out *next; };\n"
		  "static struct out pool[3];\n"
		  "static struct out *get(int i) { return &pool[i]; }\n"
		  "struct in make(int base) { struct in r; for (int i = 0; i < 3; i++) r.a[i] = base + i; return r; }\n"
		  "int f(void) { struct out *p = get(0), *q = get(1); p->in = make(10); *q = *p; q->in.a[2] = 99; p->next = q;\n"
		  "  return p->next->in.a[2] + p->in.a[2] + q->in.a[0] + (int)(q - p); }\n"
		  "struct in rec(int n) { if (n == 0) return make(1); struct in r = rec(n - 1); r.a[0] += n; return r; }\n"
		  "int g(void) { return rec(4).a[0]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f"), 99 + 12 + 10 + 1);
	EXPECT_EQ(r.icall("g"), 11);
}

TEST(Exec, LongExpressionChains)
{
	std::string src = "int f(int a) { return a";
	for (int i = 0; i < 1000; i++)
		src += " + a";
	src += "; }\nint g(int a) { return ";
	for (int i = 0; i < 250; i++)
		src += "(a + ";
	src += "1";
	for (int i = 0; i < 250; i++)
		src += ")";
	src += "; }\n";
	Snippet r(src);
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {2}), 2002);
	EXPECT_EQ(r.icall("g", {2}), 501);
}

TEST(Exec, CstTestLoop)
{
	Snippet r("#include <stdio.h>\n#include <stdlib.h>\n#include <math.h>\n"
		  "double f(int iters) {\n"
		  "	unsigned long n = 0;\n"
		  "	double sum = 0;\n"
		  "	for (;;) {\n"
		  "		sum += sqrt((double)rand());\n"
		  "		if (++n % 20000 == 0) {\n"
		  "			putchar('.');\n"
		  "			fflush(stdout);\n"
		  "		}\n"
		  "		if (n == iters) break;\n"
		  "	}\n"
		  "	return sum;\n"
		  "}\n");
	COMPILE(r);
}

}  // namespace
}  // namespace kctx::lang
