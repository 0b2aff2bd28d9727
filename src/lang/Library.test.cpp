// The library functions written in kernel C in the preludes (abi/prelude/user_lib.h,
// kernel_lib.h): qsort/qsort_r/bsearch as glibc 2.36 has them, the kernel's sort()
// (lib/sort.c) and bsearch() (include/linux/bsearch.h), and their linking: a program
// gets only those it uses.
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

using testing::Snippet;

#define COMPILE(r) ASSERT_TRUE((r).ok()) << (r).diagnostics()

const char* const kSortInts =
	"#include <stdlib.h>\n"
	"static int calls;\n"
	"static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; calls++; return (x > y) - (x < y); }\n"
	"static int desc(const void *a, const void *b) { return cmp_int(b, a); }\n"
	"int a[400];\n"
	// A permutation with duplicates and negatives: (i * 37) % 101 - 50.
	"unsigned long sorted(int n, int down) { for (int i = 0; i < n; i++) a[i] = (i * 37) % 101 - 50;\n"
	"  qsort(a, n, sizeof a[0], down ? desc : cmp_int);\n"
	"  for (int i = 1; i < n; i++) if (down ? a[i - 1] < a[i] : a[i - 1] > a[i]) return -i;\n"
	"  unsigned long h = 0; for (int i = 0; i < n; i++) h = h * 31 + a[i]; return h; }\n"
	"int count(int n) { for (int i = 0; i < n; i++) a[i] = i; calls = 0; qsort(a, n, sizeof a[0], cmp_int); return calls; }\n";

// Unsigned, so the hash wraps without undefined behaviour on either side.
int64_t expected_hash(int n, bool down)
{
	std::vector<int> v;
	for (int i = 0; i < n; i++)
		v.push_back((i * 37) % 101 - 50);
	std::sort(v.begin(), v.end());
	if (down)
		std::reverse(v.begin(), v.end());
	uint64_t h = 0;
	for (int x : v)
		h = h * 31 + static_cast<uint64_t>(static_cast<int64_t>(x));
	return static_cast<int64_t>(h);
}

TEST(Library, QsortSortsInts)
{
	Snippet r(kSortInts);
	COMPILE(r);
	for (int n : {0, 1, 2, 3, 10, 101, 255, 256, 400}) {   // 256 ints: 1024 bytes, malloc'd
		EXPECT_EQ(r.icall("sorted", {static_cast<uint64_t>(n), 0}), expected_hash(n, false)) << n;
		EXPECT_EQ(r.icall("sorted", {static_cast<uint64_t>(n), 1}), expected_hash(n, true)) << n;
	}
}

// glibc's merge sort: sorted input costs n1 comparisons per merge (1+1, 2+2, 4+4 ... for
// n = 8: 4 + 4 + 4), which an insertion or heap sort would not match.
TEST(Library, QsortComparesLikeGlibcMergeSort)
{
	Snippet r(kSortInts);
	COMPILE(r);
	EXPECT_EQ(r.icall("count", {8}), 12);
	EXPECT_EQ(r.icall("count", {1}), 0);
	EXPECT_EQ(r.icall("count", {5}), 5);   // (1 + (1 + 1)) split 2/3, then 2 + 3: 1 + 2 + 2
}

TEST(Library, QsortIsStableAndSortsStructsAndQsortRPassesItsArgument)
{
	Snippet r("#include <stdlib.h>\n"
		  "struct item { int key; int seq; char pad[40]; };\n"   // larger than 32 bytes (glibc sorts those indirectly)
		  "static int by_key(const void *a, const void *b) { return ((const struct item *)a)->key - ((const struct item *)b)->key; }\n"
		  "static int by_key_r(const void *a, const void *b, void *dir) { return *(int *)dir * by_key(a, b); }\n"
		  "struct item v[30];\n"
		  "long f(int reverse) { for (int i = 0; i < 30; i++) { v[i].key = i % 4; v[i].seq = i; }\n"
		  "  if (reverse < 0) qsort_r(v, 30, sizeof v[0], by_key_r, &reverse); else qsort(v, 30, sizeof v[0], by_key);\n"
		  "  for (int i = 1; i < 30; i++) { int c = by_key(&v[i - 1], &v[i]) * (reverse < 0 ? -1 : 1);\n"
		  "    if (c > 0 || (c == 0 && v[i - 1].seq > v[i].seq)) return -i; }\n"
		  "  return v[0].seq * 100 + v[29].seq; }\n");
	COMPILE(r);
	EXPECT_EQ(r.icall("f", {0}), 0 * 100 + 27);
	EXPECT_EQ(r.icall("f", {static_cast<uint64_t>(-1)}), 3 * 100 + 28);
}

TEST(Library, Bsearch)
{
	Snippet r("#include <stdlib.h>\n"
		  "static int cmp(const void *k, const void *e) { int x = *(const int *)k, y = *(const int *)e; return (x > y) - (x < y); }\n"
		  "static const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};\n"
		  "long find(int key, int n) { const int *p = bsearch(&key, primes, n, sizeof primes[0], cmp); return p ? p - primes : -1; }\n");
	COMPILE(r);
	for (int i = 0; i < 10; i++) {
		static const int kPrimes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
		EXPECT_EQ(r.icall("find", {static_cast<uint64_t>(kPrimes[i]), 10}), i);
	}
	EXPECT_EQ(r.icall("find", {4, 10}), -1);
	EXPECT_EQ(r.icall("find", {1, 10}), -1);
	EXPECT_EQ(r.icall("find", {30, 10}), -1);
	EXPECT_EQ(r.icall("find", {2, 0}), -1);
	EXPECT_EQ(r.icall("find", {29, 9}), -1);
}

TEST(Library, OnlyWhatIsUsedIsLinked)
{
	Snippet none("#include <stdio.h>\nint main(void) { return 0; }\n");
	COMPILE(none);
	EXPECT_EQ(none.program().functions.size(), 1u);
	EXPECT_FALSE(none.program().find_function("qsort"));
	Snippet sorts("#include <stdlib.h>\nstatic int c(const void *a, const void *b) { return 0; }\n"
		      "int main(void) { int x[2] = {0}; qsort(x, 2, 4, c); return 0; }\n");
	COMPILE(sorts);
	EXPECT_TRUE(sorts.program().find_function("qsort"));
	EXPECT_TRUE(sorts.program().find_function("__kctx_msort"));
	EXPECT_FALSE(sorts.program().find_function("qsort_r"));
	EXPECT_FALSE(sorts.program().find_function("bsearch"));
	// Through a pointer in a file-scope table counts as a use.
	Snippet table("#include <stdlib.h>\nvoid *(*finder)(const void *, const void *, size_t, size_t, int (*)(const void *, const void *)) = bsearch;\n");
	COMPILE(table);
	EXPECT_TRUE(table.program().find_function("bsearch"));
	EXPECT_FALSE(table.program().find_function("qsort"));
	Snippet module("#include <linux/module.h>\nstatic int init(void) { return 0; }\n", abi::World::Kernel);
	COMPILE(module);
	EXPECT_FALSE(module.program().find_function("sort"));
}

// The library's functions are weak: a program's own definition (or a declaration of a
// different type) replaces them, as a definition replaces libc.a's and as a module's own
// sort() compiles when it does not include <linux/sort.h>.
TEST(Library, TheProgramsOwnDefinitionWins)
{
	Snippet user("#include <stdlib.h>\n"
		     "void qsort(void *b, size_t n, size_t s, int (*c)(const void *, const void *)) { *(int *)b = 77; }\n"
		     "static int cmp(const void *a, const void *b) { return 0; }\n"
		     "int f(void) { int x[3] = {3, 2, 1}; qsort(x, 3, sizeof x[0], cmp); return x[0]; }\n"
		     "int bsearch(int key) { return key * 2; }\n"
		     "int g(void) { return bsearch(21); }\n");
	COMPILE(user);
	EXPECT_EQ(user.icall("f"), 77);
	EXPECT_EQ(user.icall("g"), 42);
	EXPECT_FALSE(user.program().find_function("__kctx_msort"));
	Snippet module("#include <linux/module.h>\n"
		       "static void sort(int *a, int n);\n"
		       "static int first(void) { int a[3] = {5, 4, 6}; sort(a, 3); return a[0]; }\n"
		       "static void sort(int *a, int n) { for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (a[j] < a[i]) { int t = a[i]; a[i] = a[j]; a[j] = t; } }\n",
		       abi::World::Kernel);
	COMPILE(module);
	EXPECT_EQ(module.icall("first"), 4);
	// A matching prototype is only a redeclaration: the library's qsort stays.
	Snippet proto("#include <stdlib.h>\n"
		      "void qsort(void *, size_t, size_t, int (*)(const void *, const void *));\n"
		      "static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }\n"
		      "int f(void) { int x[3] = {3, 2, 1}; qsort(x, 3, sizeof x[0], cmp); return x[0] * 100 + x[2]; }\n");
	COMPILE(proto);
	EXPECT_EQ(proto.icall("f"), 103);
}

// lib/sort.c: an in-place heapsort; the swap function when one is given.
TEST(Library, KernelSortAndBsearch)
{
	Snippet r("#include <linux/sort.h>\n#include <linux/bsearch.h>\n"
		  "static int cmp(const void *a, const void *b) { long x = *(const long *)a, y = *(const long *)b; return (x > y) - (x < y); }\n"
		  "static int swaps;\n"
		  "static void swap(void *a, void *b, int size) { long t = *(long *)a; *(long *)a = *(long *)b; *(long *)b = t; swaps += size; }\n"
		  "long v[50];\n"
		  "long f(int n, int custom) { for (int i = 0; i < n; i++) v[i] = (i * 7919) % 53 - 20; swaps = 0;\n"
		  "  sort(v, n, sizeof v[0], cmp, custom ? swap : NULL);\n"
		  "  for (int i = 1; i < n; i++) if (v[i - 1] > v[i]) return -i;\n"
		  "  if (custom && n > 1 && swaps == 0) return -1000;\n"
		  "  long key = v[n / 2]; long *p = bsearch(&key, v, n, sizeof v[0], cmp); long missing = 1000;\n"
		  "  return (p ? *p == key : -2000) + (bsearch(&missing, v, n, sizeof v[0], cmp) ? -3000 : 0) + v[0] * 10; }\n",
		  abi::World::Kernel);
	COMPILE(r);
	for (int n : {1, 2, 7, 50}) {
		long low = 1000;
		for (int i = 0; i < n; i++)
			low = std::min<long>(low, (i * 7919) % 53 - 20);
		EXPECT_EQ(r.icall("f", {static_cast<uint64_t>(n), 0}), 1 + low * 10) << n;
		EXPECT_EQ(r.icall("f", {static_cast<uint64_t>(n), 1}), 1 + low * 10) << n;
	}
}

}  // namespace
}  // namespace kctx::lang
