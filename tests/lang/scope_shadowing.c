/* Block scopes: inner declarations shadow outer ones and globals, then end. */
#include <stdio.h>

int x = 1;

static int get_global(void) { return x; }

int main(void)
{
	printf("%d\n", x);
	int x = 2;
	printf("%d\n", x);
	{
		int x = 3;
		printf("%d\n", x);
		{
			extern int x;
			printf("%d\n", x);
		}
		x++;
		printf("%d\n", x);
	}
	printf("%d %d\n", x, get_global());
	for (int x = 10; x < 12; x++)
		printf("loop %d\n", x);
	printf("%d\n", x);
	if (1) {
		double x = 0.5;
		printf("%.1f\n", x);
	}
	return 0;
}
