/* break inside a switch leaves only the switch; continue continues the loop. */
#include <stdio.h>

int main(void)
{
	int evens = 0, odds = 0, skipped = 0;
	for (int i = 0; i < 10; i++) {
		switch (i % 3) {
		case 0:
			if (i == 6) {
				skipped++;
				continue;
			}
			evens++;
			break;
		case 1:
			odds++;
			break;
		default:
			break;
		}
		printf("%d ", i);
	}
	printf("\n%d %d %d\n", evens, odds, skipped);
	int n = 0;
	while (1) {
		switch (n++) {
		case 5:
			goto out;
		default:
			continue;
		}
	}
out:
	printf("%d\n", n);
	int k = 0;
	do {
		if (k == 2) {
			k += 10;
			continue;
		}
		k++;
	} while (k < 5);
	printf("%d\n", k);
	return 0;
}
