/* float arithmetic is rounded to float at each store; double keeps 53 bits. */
#include <stdio.h>

int main(void)
{
	float a = 0.1f, b = 0.2f;
	float c = a + b;
	printf("%.10f\n", c);
	double x = 0.1, y = 0.2;
	printf("%.17f\n", x + y);
	float third = 1.0f / 3.0f;
	printf("%.10f\n", third);
	printf("%.10f\n", 1.0 / 3.0);
	float big = 1e10f;
	printf("%.1f\n", big + 1.0f);
	printf("%zu %zu\n", sizeof(float), sizeof(double));
	float f = 16777216.0f;
	f = f + 1.0f;
	printf("%.1f\n", f);
	printf("%g\n", 1.0f / 7);
	printf("%d\n", 0.1f == 0.1);
	printf("%d\n", (float)0.1 == 0.1f);
	double neg = -0.0;
	printf("%f %d\n", neg, neg == 0.0);
	return 0;
}
