/* Floating constants: exponents, missing digits, suffixes, hexadecimal floats. */
#include <stdio.h>

int main(void)
{
	printf("%g %g %g %g\n", 1e3, .5, 5., 1.5e-3);
	printf("%g %g\n", 0x1p3, 0x1.8p1);
	printf("%g %g\n", 0x.8p0, 0xAp-2);
	printf("%zu %zu %zu\n", sizeof(1.0), sizeof(1.0f), sizeof(1.F));
	printf("%.20f\n", 0.1f);
	printf("%.20f\n", 0.1);
	printf("%g\n", 1e308 * 10 / 10);
	printf("%g\n", 123456789.0f);
	printf("%a %a\n", 1.0, 0.5);
	printf("%a\n", 3.14159);
	return 0;
}
