// Sums a 10000-element array over and over: N element reads in all (N from argv[1]).
#include <stdio.h>
#include <stdlib.h>

#define SIZE 10000

static int a[SIZE];

int main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : 200000000L;
	long sum = 0;

	for (int i = 0; i < SIZE; i++)
		a[i] = i % 1000;
	for (long done = 0; done < limit; done += SIZE) {
		for (int i = 0; i < SIZE; i++)
			sum += a[i];
		// Keep the compiler from hoisting the inner loop out as a constant.
		a[done / SIZE % SIZE] ^= 1;
	}
	printf("%ld\n", sum);
	return 0;
}
