/* Variable-length arrays: sizeof at run time, 2-D VLAs as parameters. */
#include <stdio.h>

static int trace(int n, int m[n][n])
{
	int t = 0;
	for (int i = 0; i < n; i++)
		t += m[i][i];
	return t;
}

int main(void)
{
	for (int n = 1; n <= 4; n++) {
		int a[n];
		for (int i = 0; i < n; i++)
			a[i] = i * i;
		printf("%zu %d\n", sizeof a, a[n - 1]);
	}
	int n = 3;
	int m[n][n];
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			m[i][j] = i * n + j;
	printf("%d %zu\n", trace(n, m), sizeof m[0]);
	return 0;
}
