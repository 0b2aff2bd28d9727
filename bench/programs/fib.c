// Recursive fib(30), computed N times (N from argv[1]): calls and returns.
#include <stdio.h>
#include <stdlib.h>

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 20;
	long total = 0;

	for (int i = 0; i < reps; i++)
		total += fib(30);
	printf("%ld\n", total);
	return 0;
}
