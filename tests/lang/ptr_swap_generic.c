/* Swapping through pointers: ints, pointers, and a generic byte-wise swap. */
#include <stdio.h>
#include <string.h>

static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static void swap_ptr(const char **a, const char **b) { const char *t = *a; *a = *b; *b = t; }
static void swap_any(void *a, void *b, size_t n)
{
	unsigned char tmp[64];
	memcpy(tmp, a, n);
	memcpy(a, b, n);
	memcpy(b, tmp, n);
}

int main(void)
{
	int x = 1, y = 2;
	swap_int(&x, &y);
	const char *s = "first", *t = "second";
	swap_ptr(&s, &t);
	printf("%d %d %s %s\n", x, y, s, t);
	double d1 = 1.5, d2 = -2.5;
	swap_any(&d1, &d2, sizeof d1);
	printf("%.1f %.1f\n", d1, d2);
	struct { int a; char b[5]; } p = {1, "one"}, q = {2, "two"};
	swap_any(&p, &q, sizeof p);
	printf("%d %s %d %s\n", p.a, p.b, q.a, q.b);
	return 0;
}
