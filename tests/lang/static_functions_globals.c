/* static (internal linkage) functions and globals, and extern declarations. */
#include <stdio.h>

static int hidden = 3;
extern int shared;
int shared = 10;
static int helper(int x);

int api(int x) { return helper(x) + hidden; }
static int helper(int x) { return x * shared; }

extern int later(void);

int main(void)
{
	printf("%d\n", api(2));
	hidden = 100;
	shared = 1;
	printf("%d\n", api(2));
	printf("%d\n", later());
	return 0;
}

int later(void) { return hidden + shared; }
