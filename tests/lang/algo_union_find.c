/* Union-find with path compression and union by size. */
#include <stdio.h>

static int parent[10], size[10];
static int find(int x) { return parent[x] == x ? x : (parent[x] = find(parent[x])); }
static void unite(int a, int b)
{
	a = find(a); b = find(b);
	if (a == b) return;
	if (size[a] < size[b]) { int t = a; a = b; b = t; }
	parent[b] = a;
	size[a] += size[b];
}

int main(void)
{
	for (int i = 0; i < 10; i++) { parent[i] = i; size[i] = 1; }
	int pairs[][2] = {{0, 1}, {2, 3}, {1, 3}, {5, 6}, {7, 8}, {8, 9}, {6, 9}};
	for (int i = 0; i < 7; i++)
		unite(pairs[i][0], pairs[i][1]);
	int groups = 0;
	for (int i = 0; i < 10; i++)
		if (find(i) == i) { groups++; printf("root %d size %d\n", i, size[i]); }
	printf("%d groups, 0~3 %d, 4~5 %d\n", groups, find(0) == find(3), find(4) == find(5));
	return 0;
}
