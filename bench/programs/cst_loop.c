// The cst_test inner loop (scenarios/cst/cst_test.c), bounded: N iterations from argv[1].
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned long limit = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000000UL;
	unsigned long n = 0;
	double sum = 0;

	while (n < limit) {
		sum += sqrt((double)rand());
		if (++n % 20000 == 0) {
			putchar('.');
			fflush(stdout);
		}
	}
	printf("\n%.0f\n", sum);
	return 0;
}
