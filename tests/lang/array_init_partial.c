/* Partially initialized arrays are zero-filled; sizes inferred from initializers. */
#include <stdio.h>

int main(void)
{
	int a[6] = {1, 2};
	for (int i = 0; i < 6; i++)
		printf("%d ", a[i]);
	printf("\n");
	int b[] = {5, 6, 7};
	printf("%zu\n", sizeof b / sizeof *b);
	int c[5] = {[2] = 9, [4] = 8};
	for (int i = 0; i < 5; i++)
		printf("%d ", c[i]);
	printf("\n");
	int d[] = {[7] = 1};
	printf("%zu\n", sizeof d / sizeof *d);
	int e[4] = {[1] = 3, 4};
	for (int i = 0; i < 4; i++)
		printf("%d ", e[i]);
	printf("\n");
	char s[10] = "hi";
	for (int i = 0; i < 10; i++)
		printf("%d ", s[i]);
	printf("\n");
	int z[3][2] = {{1}, {2, 3}};
	for (int i = 0; i < 3; i++)
		printf("%d %d\n", z[i][0], z[i][1]);
	return 0;
}
