/* Two-dimensional arrays: row-major layout, row pointers, passing to functions. */
#include <stdio.h>

int trace(int m[3][3])
{
	int t = 0;
	for (int i = 0; i < 3; i++)
		t += m[i][i];
	return t;
}

int sum_rows(int (*rows)[4], int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < 4; j++)
			s += rows[i][j];
	return s;
}

int main(void)
{
	int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
	printf("%d\n", trace(m));
	int *flat = &m[0][0];
	for (int i = 0; i < 9; i++)
		printf("%d", flat[i]);
	printf("\n");
	int g[2][4] = {{1, 1, 1, 1}, {2, 2, 2, 2}};
	printf("%d\n", sum_rows(g, 2));
	printf("%zu %zu %zu\n", sizeof m, sizeof m[0], sizeof m[0][0]);
	int (*row)[3] = m + 1;
	printf("%d %d\n", (*row)[0], row[1][2]);
	printf("%d\n", *(*(m + 2) + 1));
	return 0;
}
