// The cst_test loop (scenarios/cst/cst_test.c), bounded so that the run ends: bench/run.sh
// times the whole `kctx run` and divides by N, which it reads from the #define below.
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#define N 5000000

int main(void)
{
	unsigned long n = 0;
	double sum = 0;

	while (n < N) {
		sum += sqrt((double)rand());
		if (++n % 20000 == 0) {
			putchar('.');
			fflush(stdout);
		}
	}
	printf("\n%ld\n", (long)sum);
	return 0;
}
