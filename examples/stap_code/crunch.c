// crunch — something for process() probes to see: a recursive function called from main.
#include <stdio.h>

static int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

int main(void)
{
	int n = 4;
	int r = fib(n);

	printf("fib(%d) = %d\n", n, r);
	return 0;
}
