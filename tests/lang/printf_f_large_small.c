/* %f of very large and very small values prints every integer digit. */
#include <stdio.h>

int main(void)
{
	printf("%f\n", 1e20);
	printf("%f\n", 123456789012345678.0);
	printf("%.3f\n", 1e-10);
	printf("%.12f\n", 1e-10);
	printf("%f\n", 9.9999995);
	printf("%.1f\n", 0.05);
	printf("%.0f %.0f\n", 1e15 + 0.5, 2.5);
	printf("%.2f %.2f\n", 1.005, 1.015);
	printf("%.20f\n", 0.3);
	return 0;
}
