/* Deep (but bounded) recursion: 100000 frames. */
#include <stdio.h>

static long depth_sum(long n) { return n == 0 ? 0 : n + depth_sum(n - 1); }

static int count_down(int n, int acc)
{
	if (n == 0)
		return acc;
	return count_down(n - 1, acc + (n & 1));
}

int main(void)
{
	printf("%ld\n", depth_sum(100000));
	printf("%d\n", count_down(100000, 0));
	return 0;
}
