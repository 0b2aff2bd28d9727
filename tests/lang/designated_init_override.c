/* A later designator overrides an earlier one; positional entries continue after
 * the last designator. */
#include <stdio.h>

struct cfg { int a, b, c, d; };

int main(void)
{
	int v[6] = {1, 2, 3, [1] = 20, 30, [5] = 50};
	for (int i = 0; i < 6; i++)
		printf("%d ", v[i]);
	printf("\n");
	struct cfg c = {.c = 3, 4, .a = 1, 2};
	printf("%d %d %d %d\n", c.a, c.b, c.c, c.d);
	struct cfg d = {.b = 9, .b = 10};
	printf("%d %d\n", d.a, d.b);
	return 0;
}
