/* Digit manipulation with / and %: reversal, digit sums, palindromic numbers. */
#include <stdio.h>

static long reverse(long n) { long r = 0; while (n) { r = r * 10 + n % 10; n /= 10; } return r; }
static int digit_sum(long n) { int s = 0; if (n < 0) n = -n; while (n) { s += n % 10; n /= 10; } return s; }

int main(void)
{
	printf("%ld %ld %ld\n", reverse(12345), reverse(-120), reverse(0));
	printf("%d %d\n", digit_sum(987654321), digit_sum(-99));
	int count = 0;
	for (long n = 1; n < 10000; n++)
		if (reverse(n) == n)
			count++;
	printf("%d palindromes below 10000\n", count);
	return 0;
}
