/* N-queens by backtracking: counts solutions for n = 1..8. */
#include <stdio.h>

static int cols[16];

static int safe(int row, int col)
{
	for (int r = 0; r < row; r++) {
		int c = cols[r];
		if (c == col || c - col == r - row || c - col == row - r)
			return 0;
	}
	return 1;
}

static int solve(int row, int n)
{
	if (row == n)
		return 1;
	int count = 0;
	for (int c = 0; c < n; c++)
		if (safe(row, c)) {
			cols[row] = c;
			count += solve(row + 1, n);
		}
	return count;
}

int main(void)
{
	for (int n = 1; n <= 8; n++)
		printf("%d queens: %d\n", n, solve(0, n));
	return 0;
}
