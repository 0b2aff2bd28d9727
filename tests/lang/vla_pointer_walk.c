/* Pointers to VLA rows step by the run-time row size: ++, --, +=, and subtracting two
 * of them counts rows (C11 6.5.6p8-9 applies to variably modified types too). */
#include <stdio.h>

static int row_sum(int cols, const int *row)
{
	int s = 0;
	for (int j = 0; j < cols; j++)
		s += row[j];
	return s;
}

int main(void)
{
	int rows = 4, cols = 3;
	int m[rows][cols];
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < cols; j++)
			m[i][j] = i * cols + j;
	typedef int row_t[cols];
	cols = 99;   /* row_t keeps the size it had at the typedef */
	for (row_t *p = m; p < m + rows; p++)
		printf("row %td: sum %d, sizeof *p %zu\n", p - m, row_sum(3, *p), sizeof *p);
	row_t *end = m + rows;
	row_t *q = end;
	while (q-- != m)
		printf("%d ", (*q)[2]);
	printf("\n");
	row_t *r = m;
	r += 2;
	--r;
	printf("r - m = %td, end - r = %td\n", r - m, end - r);
	int first = (*++r)[0];
	printf("(*++r)[0] = %d, r - m = %td\n", first, r - m);
	return 0;
}
