// Recursive fib(30), N times: the cost of calls and returns. bench/run.sh divides the
// run's time by N, which it reads from the #define below.
#include <stdio.h>

#define N 10

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void)
{
	long total = 0;
	int i;

	for (i = 0; i < N; i++)
		total += fib(30);
	printf("%ld\n", total);
	return 0;
}
