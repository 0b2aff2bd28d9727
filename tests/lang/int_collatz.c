/* Collatz sequences: the longest chain below 10000 (unsigned long arithmetic). */
#include <stdio.h>

int main(void)
{
	int best = 0, best_n = 0;
	unsigned long peak = 0;
	for (int n = 1; n < 10000; n++) {
		unsigned long x = n;
		int len = 1;
		while (x != 1) {
			x = x % 2 ? 3 * x + 1 : x / 2;
			if (x > peak)
				peak = x;
			len++;
		}
		if (len > best) {
			best = len;
			best_n = n;
		}
	}
	printf("%d %d %lu\n", best_n, best, peak);
	return 0;
}
