/* for, while and do-while with break and continue, nested. */
#include <stdio.h>

int main(void)
{
	for (int i = 0; i < 10; i++) {
		if (i % 3 == 0)
			continue;
		if (i == 8)
			break;
		printf("%d ", i);
	}
	printf("\n");
	int n = 0;
	while (1) {
		if (++n > 100)
			break;
		if (n % 10)
			continue;
		printf("%d ", n);
	}
	printf("\n");
	int k = 10;
	do {
		k -= 3;
		if (k == 4)
			continue;
		printf("%d ", k);
	} while (k > 0);
	printf("\n");
	for (int a = 0; a < 4; a++) {
		for (int b = 0; b < 4; b++) {
			if (b > a)
				break;
			if ((a + b) % 2)
				continue;
			printf("(%d,%d)", a, b);
		}
	}
	printf("\n");
	int j = 5;
	do printf("once %d\n", j); while (j < 0);
	return 0;
}
