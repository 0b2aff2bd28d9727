/* Floating-point loops: series for pi and e, Newton's square root, trapezoid rule. */
#include <stdio.h>

static double my_sqrt(double x)
{
	double g = x / 2;
	for (int i = 0; i < 30; i++)
		g = (g + x / g) / 2;
	return g;
}

static double f(double x) { return x * x * x - 2 * x + 1; }

int main(void)
{
	double pi = 0;
	for (int k = 0; k < 100000; k++)
		pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
	printf("%.10f\n", pi);
	double e = 1, term = 1;
	for (int n = 1; n < 20; n++) {
		term /= n;
		e += term;
	}
	printf("%.15f\n", e);
	printf("%.12f %.12f\n", my_sqrt(2), my_sqrt(1e10));
	double a = 0, b = 2, h = (b - a) / 1000, area = (f(a) + f(b)) / 2;
	for (int i = 1; i < 1000; i++)
		area += f(a + i * h);
	printf("%.9f\n", area * h);
	float fs = 0;
	for (int i = 0; i < 1000; i++)
		fs += 0.1f;
	printf("%.6f\n", fs);
	return 0;
}
