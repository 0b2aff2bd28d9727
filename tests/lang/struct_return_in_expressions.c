/* Struct values returned from functions used directly: member access, ternaries,
 * nested calls, arrays inside the returned struct. */
#include <stdio.h>

struct pair { long a, b; };
struct arr { int v[5]; };

static struct pair mk(long a, long b) { struct pair p = {a, b}; return p; }
static struct pair add(struct pair x, struct pair y) { return mk(x.a + y.a, x.b + y.b); }
static struct arr ramp(int k) { struct arr r; for (int i = 0; i < 5; i++) r.v[i] = k * i; return r; }
static struct pair fibpair(int n)
{
	if (n == 0)
		return mk(0, 1);
	struct pair p = fibpair(n - 1);
	return mk(p.b, p.a + p.b);
}

int main(void)
{
	printf("%ld\n", mk(3, 4).b);
	printf("%ld\n", add(mk(1, 2), add(mk(10, 20), mk(100, 200))).b);
	int c = 1;
	printf("%ld\n", (c ? mk(5, 6) : mk(7, 8)).a);
	printf("%d\n", ramp(3).v[4]);
	printf("%ld\n", fibpair(50).a);
	struct pair ps[3];
	for (int i = 0; i < 3; i++)
		ps[i] = fibpair(i + 10);
	printf("%ld %ld %ld\n", ps[0].a, ps[1].a, ps[2].b);
	return 0;
}
