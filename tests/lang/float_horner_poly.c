/* Polynomial evaluation by Horner's rule and a derivative, on a coefficient array. */
#include <stdio.h>

static double eval(const double *c, int n, double x) { double r = 0; for (int i = n - 1; i >= 0; i--) r = r * x + c[i]; return r; }

int main(void)
{
	double c[] = {-6, 11, -6, 1};   /* (x-1)(x-2)(x-3) */
	double d[] = {11, -12, 3};
	for (double x = 0; x <= 4; x += 0.5)
		printf("%.1f: %7.3f %7.3f\n", x, eval(c, 4, x), eval(d, 3, x));
	double x = 3.6;
	for (int i = 0; i < 6; i++)
		x -= eval(c, 4, x) / eval(d, 3, x);
	printf("root %.10f\n", x);
	return 0;
}
