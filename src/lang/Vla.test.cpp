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
	EXPECT_NE(diagnostics_of("void f(int n) { typedef int row[n]; }\n").find("kctx does not support variably modified typedefs yet"),
		  std::string::npos);
}

}  // namespace
}  // namespace kctx::lang
