/* A function-like macro name not followed by '(' is not expanded. */
#include <stdio.h>

static int twice(int v) { return 2 * v; }
#define twice(v) (100 + (v))

int main(void)
{
	printf("%d\n", twice(1));
	int (*fp)(int) = twice;
	printf("%d\n", fp(1));
	printf("%d\n", (twice)(1));
	return 0;
}
