/* Jagged arrays: an array of pointers to arrays of different lengths. */
#include <stdio.h>

int main(void)
{
	static int r0[] = {1}, r1[] = {2, 3}, r2[] = {4, 5, 6}, r3[] = {7, 8, 9, 10};
	int *rows[] = {r0, r1, r2, r3};
	int lens[] = {1, 2, 3, 4};
	for (int i = 0; i < 4; i++) {
		int s = 0;
		for (int j = 0; j < lens[i]; j++)
			s += rows[i][j];
		printf("row %d: %d\n", i, s);
	}
	int (*pa[2])[3] = {&r2, &r2};
	printf("%d\n", (*pa[1])[2]);
	return 0;
}
