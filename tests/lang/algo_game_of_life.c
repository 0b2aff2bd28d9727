/* Conway's game of life on a small torus: a glider for a few generations. */
#include <stdio.h>
#include <string.h>

#define W 8
#define H 6

static void show(char g[H][W])
{
	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++)
			putchar(g[y][x] ? '#' : '.');
		putchar('\n');
	}
	putchar('\n');
}

int main(void)
{
	char g[H][W] = {{0}}, n[H][W];
	g[0][1] = g[1][2] = g[2][0] = g[2][1] = g[2][2] = 1;
	for (int gen = 0; gen < 4; gen++) {
		show(g);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int c = 0;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++)
						if (dx || dy)
							c += g[(y + dy + H) % H][(x + dx + W) % W];
				n[y][x] = c == 3 || (c == 2 && g[y][x]);
			}
		memcpy(g, n, sizeof g);
	}
	return 0;
}
