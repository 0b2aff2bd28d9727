// Sums a 10000-element array over and over, N element reads in all: loads and loop
// overhead. bench/run.sh divides the run's time by N, read from the #define below.
#include <stdio.h>

#define N 50000000
#define SIZE 10000

static int a[SIZE];

int main(void)
{
	long sum = 0;
	long done;
	int i;

	for (i = 0; i < SIZE; i++)
		a[i] = i % 1000;
	for (done = 0; done < N; done += SIZE) {
		for (i = 0; i < SIZE; i++)
			sum += a[i];
		a[done / SIZE % SIZE] ^= 1;
	}
	printf("%ld\n", sum);
	return 0;
}
