/* Euclid's gcd (recursive and iterative), lcm, and the extended algorithm. */
#include <stdio.h>

static long gcd_r(long a, long b) { return b ? gcd_r(b, a % b) : a; }
static unsigned long gcd_i(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long t = a % b;
		a = b;
		b = t;
	}
	return a;
}
static long ext(long a, long b, long *x, long *y)
{
	if (!b) {
		*x = 1;
		*y = 0;
		return a;
	}
	long x1, y1;
	long g = ext(b, a % b, &x1, &y1);
	*x = y1;
	*y = x1 - (a / b) * y1;
	return g;
}

int main(void)
{
	printf("%ld %ld %lu\n", gcd_r(48, 18), gcd_r(17, 5), gcd_i(1071, 462));
	printf("%lu\n", 21 / gcd_i(21, 6) * 6);
	long x, y;
	long g = ext(240, 46, &x, &y);
	printf("%ld = 240*%ld + 46*%ld\n", g, x, y);
	printf("%ld\n", gcd_r(-12, 18));
	unsigned long big = gcd_i(600851475143ul, 6857ul * 1000ul);
	printf("%lu\n", big);
	return 0;
}
