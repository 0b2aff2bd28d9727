/* sizeof with VLA parameters: the parameter itself is a pointer (8), what it points at
 * is a row whose size is computed from the earlier parameters on entry; a later change
 * to those parameters does not resize it (C11 6.7.6.2p2: evaluated once). */
#include <stdio.h>

static void sizes(int rows, int cols, short a[rows][cols], char s[static 4])
{
	printf("sizeof a = %zu\n", sizeof a);
	printf("sizeof *a = %zu\n", sizeof *a);
	printf("sizeof a[0][0] = %zu\n", sizeof a[0][0]);
	printf("row length = %zu\n", sizeof a[0] / sizeof a[0][0]);
	printf("sizeof s = %zu\n", sizeof s);
	cols = 1000;
	printf("after cols = 1000: sizeof *a = %zu\n", sizeof *a);
	printf("last = %d\n", a[rows - 1][sizeof *a / sizeof **a - 1]);
}

static long cube(int n, int c[n][n + 1][n + 2])
{
	return (long)(sizeof c[0] * 100 + sizeof c[0][0]);
}

int main(void)
{
	int r = 3, c = 5;
	short a[r][c];
	for (int i = 0; i < r; i++)
		for (int j = 0; j < c; j++)
			a[i][j] = (short)(i * 10 + j);
	sizes(r, c, a, "abcd");
	int n = 2;
	int box[n][n + 1][n + 2];
	printf("cube = %ld (sizeof box = %zu)\n", cube(n, box), sizeof box);
	return 0;
}
