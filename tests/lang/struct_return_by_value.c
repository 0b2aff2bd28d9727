/* Functions returning structs by value, chained and used in expressions. */
#include <stdio.h>

struct pair { int lo, hi; };
struct big { char name[16]; double d; int n; };

struct pair make(int a, int b) { struct pair p = {a < b ? a : b, a < b ? b : a}; return p; }
struct pair swap(struct pair p) { struct pair q = {p.hi, p.lo}; return q; }

struct big mkbig(int n)
{
	struct big b = {"big", 1.5, 0};
	b.n = n;
	b.d *= n;
	return b;
}

int main(void)
{
	struct pair p = make(9, 3);
	printf("%d %d\n", p.lo, p.hi);
	struct pair q = swap(make(1, 2));
	printf("%d %d\n", q.lo, q.hi);
	printf("%d\n", make(5, -5).lo);
	struct big b = mkbig(4);
	printf("%s %.2f %d\n", b.name, b.d, b.n);
	printf("%d\n", mkbig(7).n + swap(p).lo);
	return 0;
}
