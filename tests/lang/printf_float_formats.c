/* printf %f %e %g with widths and precisions. */
#include <stdio.h>

int main(void)
{
	double v[] = {0.0, 1.0, -1.5, 3.14159265358979, 123456.789, 0.000123456, 1e20, 1e-10, 2.5, 0.5};
	for (int i = 0; i < 10; i++)
		printf("%f|%e|%g|%.0f|%5.2f|%.3e|%G\n", v[i], v[i], v[i], v[i], v[i], v[i], v[i]);
	printf("[%10.3f] [%-10.3f] [%+.2f] [% .1f] [%010.2f]\n", 3.14159, 3.14159, 2.0, 2.0, -3.5);
	printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, 3.5);
	printf("%g %g %g %g\n", 100000.0, 1000000.0, 0.0001, 0.00001);
	printf("%#g %#.0f\n", 1.0, 2.0);
	printf("%.10g\n", 1.0 / 3);
	printf("%E\n", 12345.6789);
	printf("%.15g\n", 0.1);
	printf("%.17g\n", 0.1);
	return 0;
}
