// Variable-length arrays: allocated below the frame where the declaration is reached,
// sized at run time (sizeof too), released when their scope is left by any path, and
// limited by the stack like any local; 2-D VLAs; gcc's diagnostics for misuse.
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

TEST(Vla, SizedAtRunTime)
{
	Snippet r("long f(int n) { char buf[n]; int a[n + 1]; return sizeof buf * 1000 + sizeof a; }\n"
		  "long g(int n) { return sizeof(int[n]); }\n"
		  "long h(int n) { double d[n]; return sizeof d / sizeof d[0]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {10}), 10 * 1000 + 44);
	EXPECT_EQ(r.icall("f", {0}), 4);
	EXPECT_EQ(r.icall("g", {7}), 28);
	EXPECT_EQ(r.icall("h", {5}), 5);
}

TEST(Vla, HoldsData)
{
	Snippet r("int f(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i * i;\n"
		  "  int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }\n"
		  "int sum(int *p, int n) { int s = 0; while (n--) s += *p++; return s; }\n"
		  "int g(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i; return sum(a, n); }\n"
		  "struct pt { int x, y; };\n"
		  "int h(int n) { struct pt v[n]; for (int i = 0; i < n; i++) v[i] = (struct pt){i, -i}; return v[n - 1].x - v[n - 1].y; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {10}), 285);
	EXPECT_EQ(r.icall("g", {100}), 4950);
	EXPECT_EQ(r.icall("h", {6}), 10);
}

TEST(Vla, SizeIsFixedWhereTheDeclarationIsReached)
{
	Snippet r("long f(int n) { int a[n]; n = 100; return sizeof a; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {3}), 12);
}

TEST(Vla, TwoDimensional)
{
	Snippet r("int f(int rows, int cols) { int m[rows][cols];\n"
		  "  for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = i * 100 + j;\n"
		  "  return m[rows - 1][cols - 1] + (int)(sizeof m / sizeof m[0]) * 10000 + (int)sizeof m[0] * 1000000; }\n"
		  "int g(int n) { char grid[3][n]; grid[2][n - 1] = 7; char *p = &grid[0][0]; return p[3 * n - 1]; }\n"
		  "long h(int n) { int (*p)[n] = 0; return (long)(p + 2); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {4, 5}), 304 + 4 * 10000 + 20 * 1000000);
	EXPECT_EQ(r.icall("g", {6}), 7);
	EXPECT_EQ(r.icall("h", {5}), 40);
}

// Scope exit gives the stack back: a loop that declares a VLA per iteration (left by
// falling off the block, continue, break and goto) runs in constant stack.
TEST(Vla, ReleasedAtEveryScopeExit)
{
	Snippet r("int f(int n) { int s = 0;\n"
		  "  for (int i = 0; i < 100000; i++) { char b[n]; b[0] = 1; s += b[0];\n"
		  "    if (i % 3 == 0) continue; if (i > 99990) break; }\n"
		  "  int k = 0;\n"
		  "again: { char c[n]; c[n - 1] = 2; s += c[n - 1]; if (++k < 50000) goto again; }\n"
		  "  while (1) { char d[n]; d[0] = 0; if (k-- == 0) break; }\n"
		  "  switch (n) { case 1000: { char e[n]; e[0] = 3; s += e[0]; break; } }\n"
		  "  return s; }\n");
	COMPILE(r);
	// 100 kB per iteration: without release the 1 MiB stack would overflow at once.
	EXPECT_EQ(r.icall("f", {1000}), 99992 + 2 * 50000 + 3);
}

TEST(Vla, AllocationBeyondTheStackFaults)
{
	Snippet r("int f(long n) { char big[n]; big[0] = 1; return big[0]; }\n"
		  "int g(int n) { char b[n]; return sizeof b; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {4096}), 1);
	r.expect_fault();
	(void)r.call("f", {2ull << 20});   // 2 MiB on a 1 MiB stack
	EXPECT_TRUE(r.faulted());
	EXPECT_EQ(r.fault(), vm::FaultKind::StackOverflow);
	Snippet neg("int g(int n) { char b[n]; b[0] = 0; return 0; }\n");
	COMPILE(neg);
	neg.expect_fault();
	(void)neg.call("g", {static_cast<uint64_t>(-1)});   // a negative size is a huge one
	EXPECT_TRUE(neg.faulted());
	EXPECT_EQ(neg.fault(), vm::FaultKind::StackOverflow);
}

std::string diagnostics_of(const std::string& src)
{
	Snippet r(src);
	EXPECT_FALSE(r.ok()) << src;
	return r.diagnostics();
}

TEST(Vla, Misuse)
{
	EXPECT_NE(diagnostics_of("int n = 3;\nint a[n];\n").find("t.c:2:7: error: variable length array declaration not allowed at file scope"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { int a[n] = {0}; }\n").find("t.c:1:21: error: variable-sized object may not be initialized"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { static int a[n]; }\n").find("error: storage size of 'a' isn't constant"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { extern int a[n]; }\n").find("error: object with variably modified type must not have linkage"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(double d) { int a[d]; }\n").find("error: size of array has non-integer type 'double'"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { struct s { int a[n]; }; }\n").find("error: fields must have a constant size"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("int f(int n) { return ((int[n]){1})[0]; }\n").find("error: compound literal has variable size"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { goto in; { char b[n]; in: b[0] = 0; } }\n")
			  .find("t.c:1:17: error: jump into scope of identifier with variably modified type"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { switch (n) { char b[n]; case 1: b[0] = 0; } }\n")
			  .find("t.c:1:41: error: switch jumps into scope of identifier with variably modified type"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { int (*p)[n] = 0; goto in; { typedef int row[n]; in: p++; } }\n")
			  .find("t.c:1:34: error: jump into scope of identifier with variably modified type"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { goto in; { int (*p)[n]; in: p = 0; } }\n")
			  .find("t.c:1:17: error: jump into scope of identifier with variably modified type"),
		  std::string::npos);
	// gcc: "'[*]' not allowed in other than function prototype scope".
	EXPECT_NE(diagnostics_of("void f(int n, int (*a)[*]) { }\n").find("t.c:1:6: error: '[*]' not allowed in other than function prototype scope"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n, int a[*][n]) { }\n").find("error: '[*]' not allowed in other than function prototype scope"),
		  std::string::npos);
	EXPECT_NE(diagnostics_of("void f(int n) { int a[*]; }\n").find("t.c:1:23: error: '[*]' not allowed in other than function prototype scope"),
		  std::string::npos);
}

// C11 6.7.6.3p7 and 6.9.1p10: `int m[n][n]` as a parameter is `int (*m)[n]`, its row
// size computed on entry from the parameters before it.
TEST(Vla, Parameters)
{
	Snippet r("static int trace(int n, int m[n][n]) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }\n"
		  "int f(int n) { int m[n][n]; for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = i * n + j;\n"
		  "  return trace(n, m); }\n"
		  "long rowsize(int rows, int cols, double a[rows][cols]) { return sizeof a[0] * 1000 + sizeof *a / sizeof a[0][0]; }\n"
		  "long g(int c) { double a[2][c]; return rowsize(2, c, a); }\n"
		  "long ptrsize(int n, int a[n]) { return sizeof a; }\n"
		  "long h(int n) { int a[n]; return ptrsize(n, a); }\n"
		  // Sizes from expressions of earlier parameters, three dimensions.
		  "long cube(int n, char c[n][n + 1][2 * n]) { c[1][2][3] = 9; return sizeof c[0] * 100 + sizeof c[0][0]; }\n"
		  "long k(int n) { char c[n][n + 1][2 * n]; long r = cube(n, c); return r * 10 + c[1][2][3]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {3}), 0 + 4 + 8);
	EXPECT_EQ(r.icall("f", {5}), 0 + 6 + 12 + 18 + 24);
	EXPECT_EQ(r.icall("g", {7}), 56 * 1000 + 7);
	EXPECT_EQ(r.icall("h", {9}), 8);
	EXPECT_EQ(r.icall("k", {4}), ((5 * 8) * 100 + 8) * 10 + 9);
}

// The size of an array parameter's outermost dimension is evaluated on entry too
// (gcc does, for its side effects), after the inner ones: h2(4) is 5 + 4 * 4.
TEST(Vla, ParameterSizeSideEffects)
{
	Snippet r("int h(int n, int a[n++]) { return n; }\n"
		  "int h2(int n, int a[n++][n]) { return n + (int)sizeof *a; }\n"
		  "int call(int n) { return h(n, 0) * 100 + h2(n, 0); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("call", {4}), 5 * 100 + 21);
}

TEST(Vla, UnspecifiedSizeInPrototypes)
{
	Snippet r("long f(int n, int a[*][*]);\n"
		  "long f(int n, int a[n][n]) { return sizeof *a; }\n"
		  "void g(int, int (*)[*]);\n"
		  "long h(int n) { int m[2][n]; return f(n, m); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("h", {6}), 24);
}

// A VLA typedef's size is fixed where the typedef is reached, not where it is used.
TEST(Vla, Typedefs)
{
	Snippet r("long f(int k) { typedef int row_t[k]; k = 100; row_t r; r[0] = 1; return sizeof r / sizeof r[0] + sizeof(row_t) * 100; }\n"
		  "long g(int n) { long s = 0; for (int i = 1; i <= n; i++) { typedef char buf_t[i]; buf_t b; s += sizeof b; } return s; }\n"
		  "long h(int n) { typedef double grid_t[n][n]; grid_t *p = 0; grid_t g2; g2[n - 1][n - 1] = 2.5; return (long)(p + 1) + (long)g2[n - 1][n - 1]; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {5}), 5 + 20 * 100);
	EXPECT_EQ(r.icall("g", {10}), 55);
	EXPECT_EQ(r.icall("h", {3}), 72 + 2);
}

// ++, -- and subtraction step pointers to VLAs by the run-time size of what they point at.
TEST(Vla, PointerArithmetic)
{
	Snippet r("long f(int n) { int m[5][n]; int (*p)[n] = m; int (*q)[n] = m; p++; ++p; q += 4; q--; return (q - p) * 1000 + (long)((char *)p - (char *)m); }\n"
		  "int sum(int rows, int cols, int a[rows][cols]) { int s = 0; for (int (*r)[cols] = a; r < a + rows; r++) for (int j = 0; j < cols; j++) s += (*r)[j]; return s; }\n"
		  "int g(int c) { int a[3][c]; for (int i = 0; i < 3; i++) for (int j = 0; j < c; j++) a[i][j] = i * 10 + j; return sum(3, c, a); }\n"
		  "long post(int n) { char b[4][n]; char (*p)[n] = b + 3; char (*old)[n] = p--; return (old - b) * 10 + (p - b); }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {6}), 1 * 1000 + 2 * 24);
	EXPECT_EQ(r.icall("g", {4}), (0 + 10 + 20) * 4 + 3 * (0 + 1 + 2 + 3));
	EXPECT_EQ(r.icall("post", {7}), 32);
}

}  // namespace
}  // namespace kctx::lang
