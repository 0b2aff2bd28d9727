/* A dense switch (a jump table in gcc) and a sparse one, inside a loop with continue. */
#include <stdio.h>

int dense(int x)
{
	switch (x) {
	case 0: return 10;
	case 1: return 11;
	case 2: return 12;
	case 3: return 13;
	case 4: return 14;
	case 5: return 15;
	case 6: return 16;
	case 7: return 17;
	default: return -1;
	}
}

int sparse(int x)
{
	switch (x) {
	case -1000: return 1;
	case 7: return 2;
	case 1 << 20: return 3;
	case 99999: return 4;
	}
	return 0;
}

int main(void)
{
	int total = 0;
	for (int i = -2; i < 10; i++) {
		if (i == 4)
			continue;
		total += dense(i);
		printf("%d ", dense(i));
	}
	printf("\n%d\n", total);
	int probes[] = {-1000, 7, 1 << 20, 99999, 8};
	for (int i = 0; i < 5; i++)
		printf("%d ", sparse(probes[i]));
	printf("\n");
	return 0;
}
