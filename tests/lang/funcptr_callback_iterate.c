/* Callbacks with a context pointer: a for_each over an array. */
#include <stdio.h>

typedef void (*visit_fn)(int value, void *ctx);

static void for_each(const int *v, int n, visit_fn fn, void *ctx)
{
	for (int i = 0; i < n; i++)
		fn(v[i], ctx);
}

static void sum(int v, void *ctx) { *(long *)ctx += v; }
static void max(int v, void *ctx) { int *m = ctx; if (v > *m) *m = v; }
struct hist { int neg, zero, pos; };
static void classify(int v, void *ctx)
{
	struct hist *h = ctx;
	if (v < 0) h->neg++; else if (v == 0) h->zero++; else h->pos++;
}

int main(void)
{
	int v[] = {3, -1, 0, 8, -5, 0, 2};
	long s = 0;
	int m = -1000;
	struct hist h = {0};
	for_each(v, 7, sum, &s);
	for_each(v, 7, max, &m);
	for_each(v, 7, classify, &h);
	printf("%ld %d %d %d %d\n", s, m, h.neg, h.zero, h.pos);
	return 0;
}
