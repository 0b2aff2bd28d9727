/* Memoized recursion: binomial coefficients and a count of partitions. */
#include <stdio.h>

static long memo[64][64];

static long binom(int n, int k)
{
	if (k == 0 || k == n)
		return 1;
	if (memo[n][k])
		return memo[n][k];
	return memo[n][k] = binom(n - 1, k - 1) + binom(n - 1, k);
}

static long parts[101][101];
static long partitions(int n, int max)
{
	if (n == 0) return 1;
	if (n < 0 || max == 0) return 0;
	if (parts[n][max]) return parts[n][max];
	return parts[n][max] = partitions(n - max, max) + partitions(n, max - 1);
}

int main(void)
{
	printf("%ld %ld %ld\n", binom(10, 3), binom(40, 20), binom(60, 30));
	printf("%ld %ld\n", partitions(10, 10), partitions(100, 100));
	return 0;
}
