/* Perfect and amicable numbers: nested loops with division and modulo. */
#include <stdio.h>

static int divisor_sum(int n)
{
	int s = 1;
	for (int d = 2; d * d <= n; d++)
		if (n % d == 0) {
			s += d;
			if (d != n / d)
				s += n / d;
		}
	return n == 1 ? 0 : s;
}

int main(void)
{
	for (int n = 2; n < 10000; n++)
		if (divisor_sum(n) == n)
			printf("perfect %d\n", n);
	for (int a = 2; a < 3000; a++) {
		int b = divisor_sum(a);
		if (b > a && divisor_sum(b) == a)
			printf("amicable %d %d\n", a, b);
	}
	return 0;
}
