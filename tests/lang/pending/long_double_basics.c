/* long double on x86-64: 80-bit extended precision in 16 bytes. */
#include <stdio.h>

int main(void)
{
	long double x = 1.0L / 3;
	printf("%zu %.20Lf\n", sizeof x, x);
	long double big = 1e4000L;
	printf("%Lg\n", big);
	long double eps = 1.0L;
	int bits = 0;
	while (1.0L + eps / 2 != 1.0L) {
		eps /= 2;
		bits++;
	}
	printf("%d\n", bits);
	double d = (double)x;
	printf("%.17g\n", d);
	printf("%d\n", (long double)0.1 == 0.1L);
	return 0;
}
