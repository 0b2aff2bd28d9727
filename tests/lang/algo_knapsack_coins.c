/* 1-D dynamic programming: 0/1 knapsack and the number of ways to make change. */
#include <stdio.h>

int main(void)
{
	int w[] = {1, 3, 4, 5}, v[] = {1, 4, 5, 7};
	int best[8] = {0};
	for (int i = 0; i < 4; i++)
		for (int c = 7; c >= w[i]; c--)
			if (best[c - w[i]] + v[i] > best[c])
				best[c] = best[c - w[i]] + v[i];
	printf("knapsack(7) = %d\n", best[7]);
	int coins[] = {1, 2, 5, 10, 20, 50, 100, 200};
	long ways[201] = {1};
	for (int i = 0; i < 8; i++)
		for (int a = coins[i]; a <= 200; a++)
			ways[a] += ways[a - coins[i]];
	printf("ways(200) = %ld\n", ways[200]);
	printf("ways(10) = %ld\n", ways[10]);
	return 0;
}
