/* Pascal's triangle with unsigned long binomials, centred with %*s. */
#include <stdio.h>

int main(void)
{
	unsigned long row[21] = {1};
	for (int n = 0; n <= 10; n++) {
		printf("%*s", (10 - n) * 2, "");
		for (int k = 0; k <= n; k++)
			printf("%4lu", row[k]);
		printf("\n");
		for (int k = n + 1; k > 0; k--)
			row[k] += row[k - 1];
	}
	for (int n = 11; n <= 20; n++)
		for (int k = n + 1; k > 0; k--)
			row[k] += row[k - 1];
	printf("C(21,10) = %lu\n", row[10]);
	return 0;
}
