/* The Siamese method for an odd magic square, and a check of all its sums. */
#include <stdio.h>

int main(void)
{
	enum { N = 5 };
	int sq[N][N] = {{0}};
	int r = 0, c = N / 2;
	for (int k = 1; k <= N * N; k++) {
		sq[r][c] = k;
		int nr = (r + N - 1) % N, nc = (c + 1) % N;
		if (sq[nr][nc])
			nr = (r + 1) % N, nc = c;
		r = nr;
		c = nc;
	}
	int ok = 1, target = N * (N * N + 1) / 2, d1 = 0, d2 = 0;
	for (int i = 0; i < N; i++) {
		int rs = 0, cs = 0;
		for (int j = 0; j < N; j++) {
			rs += sq[i][j];
			cs += sq[j][i];
			printf("%3d", sq[i][j]);
		}
		printf("\n");
		ok &= rs == target && cs == target;
		d1 += sq[i][i];
		d2 += sq[i][N - 1 - i];
	}
	printf("magic %d (sum %d)\n", ok && d1 == target && d2 == target, target);
	return 0;
}
