/* printf of infinities, NaN and negative zero as glibc prints them. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	double inf = HUGE_VAL;
	double zero = 0.0;
	printf("%f %f\n", inf, -inf);
	printf("%e %g\n", inf, -inf);
	printf("%F %E %G\n", inf, inf, inf);
	printf("[%8f] [%-8f]\n", inf, inf);
	printf("%f\n", -zero);
	printf("%g %e\n", -zero, zero);
	double n = sqrt(-1.0);
	printf("%d\n", n != n);
	printf("%d\n", isnan(n));
	printf("%d %d\n", isinf(inf), isinf(1.0));
	return 0;
}
