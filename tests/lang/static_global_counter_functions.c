/* File-scope statics shared by several functions: an ID allocator. */
#include <stdio.h>

static int next_id = 100;
static int freed[8];
static int nfreed;

static int alloc_id(void) { return nfreed ? freed[--nfreed] : next_id++; }
static void free_id(int id) { freed[nfreed++] = id; }

int main(void)
{
	int a = alloc_id(), b = alloc_id(), c = alloc_id();
	free_id(b);
	int d = alloc_id(), e = alloc_id();
	free_id(a);
	free_id(e);
	int f = alloc_id(), g = alloc_id();
	printf("%d %d %d %d %d %d %d\n", a, b, c, d, e, f, g);
	return 0;
}
