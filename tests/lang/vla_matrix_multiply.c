/* Matrix multiply with VLA parameters: `double a[n][m]` is `double (*a)[m]`, the row
 * size computed on entry from the earlier parameters (C11 6.7.6.3p7, 6.9.1p10), so
 * a[i][j] indexes with the run-time row length. */
#include <stdio.h>

static void matmul(int n, int m, int p, double a[n][m], double b[m][p], double c[n][p])
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < p; j++) {
			double s = 0;
			for (int k = 0; k < m; k++)
				s += a[i][k] * b[k][j];
			c[i][j] = s;
		}
}

static void print(int rows, int cols, double x[rows][cols])
{
	for (int i = 0; i < rows; i++) {
		for (int j = 0; j < cols; j++)
			printf("%s%6.1f", j ? " " : "", x[i][j]);
		printf("\n");
	}
}

int main(void)
{
	for (int n = 2; n <= 4; n++) {
		int m = n + 1, p = n - 1;
		double a[n][m], b[m][p], c[n][p];
		for (int i = 0; i < n; i++)
			for (int k = 0; k < m; k++)
				a[i][k] = i + k * 0.5;
		for (int k = 0; k < m; k++)
			for (int j = 0; j < p; j++)
				b[k][j] = (k == j) ? 2 : k - j;
		matmul(n, m, p, a, b, c);
		printf("%dx%d * %dx%d:\n", n, m, m, p);
		print(n, p, c);
	}
	return 0;
}
