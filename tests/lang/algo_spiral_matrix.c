/* Filling a matrix in spiral order with direction vectors. */
#include <stdio.h>

int main(void)
{
	int m[5][6] = {{0}};
	int r = 0, c = 0, d = 0, dr[] = {0, 1, 0, -1}, dc[] = {1, 0, -1, 0};
	for (int k = 1; k <= 30; k++) {
		m[r][c] = k;
		int nr = r + dr[d], nc = c + dc[d];
		if (nr < 0 || nr >= 5 || nc < 0 || nc >= 6 || m[nr][nc]) {
			d = (d + 1) % 4;
			nr = r + dr[d];
			nc = c + dc[d];
		}
		r = nr;
		c = nc;
	}
	for (int i = 0; i < 5; i++) {
		for (int j = 0; j < 6; j++)
			printf("%3d", m[i][j]);
		printf("\n");
	}
	return 0;
}
