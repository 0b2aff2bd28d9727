/* Rational arithmetic with a normalizing constructor (gcd, sign in the numerator). */
#include <stdio.h>

struct q { long n, d; };
static long gcd(long a, long b) { if (a < 0) a = -a; if (b < 0) b = -b; while (b) { long t = a % b; a = b; b = t; } return a; }
static struct q mk(long n, long d) { if (d < 0) { n = -n; d = -d; } long g = gcd(n, d); return g ? (struct q){n / g, d / g} : (struct q){0, 1}; }
static struct q add(struct q a, struct q b) { return mk(a.n * b.d + b.n * a.d, a.d * b.d); }
static struct q mul(struct q a, struct q b) { return mk(a.n * b.n, a.d * b.d); }

int main(void)
{
	struct q h = mk(0, 1);
	for (int k = 1; k <= 10; k++)
		h = add(h, mk(1, k));
	printf("H10 = %ld/%ld\n", h.n, h.d);
	struct q x = mul(mk(6, -8), mk(-4, 9));
	printf("%ld/%ld\n", x.n, x.d);
	return 0;
}
