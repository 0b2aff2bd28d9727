/* && and || evaluate left to right and stop as soon as the result is known. */
#include <stdio.h>

static int calls;
static int t(int v) { calls++; printf("t(%d) ", v); return v; }

int main(void)
{
	int r = t(0) && t(1);
	printf("-> %d\n", r);
	r = t(1) && t(2);
	printf("-> %d\n", r);
	r = t(1) || t(0);
	printf("-> %d\n", r);
	r = t(0) || t(0) || t(3);
	printf("-> %d\n", r);
	r = (t(1) && t(0)) || t(5);
	printf("-> %d\n", r);
	printf("calls %d\n", calls);
	int *p = NULL;
	if (p && *p)
		printf("never\n");
	int x = 5;
	printf("%d %d\n", x > 3 && x < 10, x < 3 || x > 10);
	printf("%d\n", !!x);
	printf("%d\n", 7 && 3);
	return 0;
}
