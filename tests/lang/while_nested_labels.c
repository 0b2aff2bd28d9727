/* Nested while loops with flags, and a search that breaks out of two loops. */
#include <stdio.h>

int main(void)
{
	int grid[4][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
	int r = 0, c = 0, found = 0;
	while (r < 4 && !found) {
		c = 0;
		while (c < 4) {
			if (grid[r][c] == 11) {
				found = 1;
				break;
			}
			c++;
		}
		if (!found)
			r++;
	}
	printf("%d %d %d\n", found, r, c);
	int sum = 0, i = 0;
	while (i < 4) {
		int j = i;
		while (j < 4)
			sum += grid[i][j++];
		i++;
	}
	printf("%d\n", sum);
	return 0;
}
