/* %e: mantissa rounding, exponents of at least two digits, negative exponents. */
#include <stdio.h>

int main(void)
{
	double v[] = {1.0, 9.9999999, 0.000123, 1e100, 1e-100, 5e-324, -7.25, 123456789.0};
	for (int i = 0; i < 8; i++)
		printf("%e %.2e %.0e %E\n", v[i], v[i], v[i], v[i]);
	printf("%#.0e\n", 3.0);
	printf("%12.3e|%-12.3e|%012.3e\n", 1.5, 1.5, -1.5);
	return 0;
}
