/* Kahn's topological sort of a small dependency graph (adjacency matrix). */
#include <stdio.h>

int main(void)
{
	const char *names[] = {"libc", "base", "vm", "lang", "kernel", "cli"};
	int dep[6][6] = {{0}};   /* dep[a][b]: a must come before b */
	dep[0][1] = dep[1][2] = dep[1][3] = dep[2][3] = dep[2][4] = dep[3][5] = dep[4][5] = 1;
	int indeg[6] = {0}, done[6] = {0};
	for (int a = 0; a < 6; a++)
		for (int b = 0; b < 6; b++)
			indeg[b] += dep[a][b];
	for (int step = 0; step < 6; step++) {
		int pick = -1;
		for (int v = 0; v < 6 && pick < 0; v++)
			if (!done[v] && indeg[v] == 0)
				pick = v;
		done[pick] = 1;
		printf("%s ", names[pick]);
		for (int b = 0; b < 6; b++)
			indeg[b] -= dep[pick][b];
	}
	printf("\n");
	return 0;
}
