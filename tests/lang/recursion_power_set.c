/* Subsets by recursion and by bit masks: both enumerate the power set. */
#include <stdio.h>

static const char items[] = "abcd";
static char chosen[5];

static void subsets(int i, int n)
{
	if (i == 4) {
		chosen[n] = 0;
		printf("{%s} ", chosen);
		return;
	}
	subsets(i + 1, n);
	chosen[n] = items[i];
	subsets(i + 1, n + 1);
}

int main(void)
{
	subsets(0, 0);
	printf("\n");
	int total = 0;
	for (unsigned mask = 0; mask < 16; mask++) {
		int sum = 0;
		for (int b = 0; b < 4; b++)
			if (mask & (1u << b))
				sum += b + 1;
		if (sum == 5)
			total++;
	}
	printf("%d subsets of {1,2,3,4} sum to 5\n", total);
	return 0;
}
