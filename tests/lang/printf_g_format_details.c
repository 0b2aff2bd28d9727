/* %g picks %e or %f by the exponent and strips trailing zeros (unless #). */
#include <stdio.h>

int main(void)
{
	double v[] = {0.0001, 0.00001, 123456, 1234567, 100, 1.5, 1e-300, 12345678901.0, 0.1 + 0.2};
	for (int i = 0; i < 9; i++)
		printf("%g | %.3g | %#g | %.10g | %G\n", v[i], v[i], v[i], v[i], v[i]);
	printf("%.0g %.1g %.2g\n", 123.0, 123.0, 123.0);
	return 0;
}
