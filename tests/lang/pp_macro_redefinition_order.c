/* Macros expand at use, not at definition: later redefinitions take effect. */
#include <stdio.h>

#define INNER 1
#define OUTER (INNER * 10)

int main(void)
{
	printf("%d\n", OUTER);
#undef INNER
#define INNER 2
	printf("%d\n", OUTER);
#undef INNER
	int INNER = 3;
	printf("%d\n", OUTER);
	return 0;
}
