/* Structs cannot be compared with ==; comparing member by member (and memcmp of
 * structs without padding). */
#include <stdio.h>
#include <string.h>

struct point { int x, y; };

static int eq(struct point a, struct point b) { return a.x == b.x && a.y == b.y; }

int main(void)
{
	struct point p = {1, 2}, q = {1, 2}, r = {2, 1};
	printf("%d %d\n", eq(p, q), eq(p, r));
	printf("%d %d\n", memcmp(&p, &q, sizeof p) == 0, memcmp(&p, &r, sizeof p) == 0);
	struct point arr[3] = {{0, 0}, {1, 2}, {5, 5}};
	int found = -1;
	for (int i = 0; i < 3; i++)
		if (eq(arr[i], q))
			found = i;
	printf("%d\n", found);
	return 0;
}
