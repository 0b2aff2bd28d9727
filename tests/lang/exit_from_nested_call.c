/* exit() from deep inside the program ends it at once, flushing stdout. */
#include <stdio.h>
#include <stdlib.h>

static void level3(int n)
{
	printf("level3 %d", n);   /* no newline: exit must flush it */
	if (n > 2)
		exit(n * 10);
	printf(" not reached\n");
}
static void level2(int n) { level3(n + 1); printf("not reached\n"); }
static void level1(int n) { level2(n + 1); }

int main(void)
{
	printf("start\n");
	level1(1);
	printf("not reached\n");
	return 0;
}
