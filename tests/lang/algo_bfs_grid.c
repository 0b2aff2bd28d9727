/* Breadth-first search on a grid maze with a queue array. */
#include <stdio.h>

static const char *maze[] = {
	"S.#.....",
	".##.###.",
	"....#...",
	"###.#.#.",
	"....#.#E",
};

int main(void)
{
	int h = 5, w = 8, dist[5][8], qr[40], qc[40], head = 0, tail = 0;
	for (int r = 0; r < h; r++)
		for (int c = 0; c < w; c++)
			dist[r][c] = -1;
	dist[0][0] = 0;
	qr[tail] = 0; qc[tail++] = 0;
	int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
	while (head < tail) {
		int r = qr[head], c = qc[head++];
		for (int k = 0; k < 4; k++) {
			int nr = r + dr[k], nc = c + dc[k];
			if (nr < 0 || nr >= h || nc < 0 || nc >= w || maze[nr][nc] == '#' || dist[nr][nc] >= 0)
				continue;
			dist[nr][nc] = dist[r][c] + 1;
			qr[tail] = nr; qc[tail++] = nc;
		}
	}
	printf("distance to E: %d, visited %d\n", dist[4][7], tail);
	return 0;
}
