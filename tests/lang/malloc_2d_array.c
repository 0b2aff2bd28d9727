/* A heap-allocated 2-D array as an array of row pointers, and as one block. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int rows = 4, cols = 5;
	int **m = malloc(rows * sizeof *m);
	for (int r = 0; r < rows; r++) {
		m[r] = malloc(cols * sizeof **m);
		for (int c = 0; c < cols; c++)
			m[r][c] = r * cols + c;
	}
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++)
			printf("%3d", m[r][c]);
		printf("\n");
		free(m[r]);
	}
	free(m);
	int (*block)[5] = malloc(rows * sizeof *block);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			block[r][c] = (r + 1) * (c + 1);
	printf("%d %d %zu\n", block[3][4], block[1][2], sizeof *block);
	free(block);
	return 0;
}
