/* A static local shared by all recursive activations versus an automatic one. */
#include <stdio.h>

static int depth_static(int n)
{
	static int calls;
	calls++;
	if (n > 0)
		depth_static(n - 1);
	return calls;
}

static int depth_auto(int n)
{
	int calls = 0;
	calls++;
	if (n > 0)
		calls += depth_auto(n - 1);
	return calls;
}

int main(void)
{
	printf("%d\n", depth_static(5));
	printf("%d\n", depth_static(2));
	printf("%d\n", depth_auto(5));
	return 0;
}
