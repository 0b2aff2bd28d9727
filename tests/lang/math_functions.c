/* libm: sqrt, pow, exp, log, trig, rounding, fmod, fabs. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	printf("%.6f %.6f %.6f\n", sqrt(2.0), sqrt(144.0), sqrt(0.25));
	printf("%.6f %.6f %.6f\n", pow(2, 10), pow(2, 0.5), pow(-8, 3));
	printf("%.6f %.6f %.6f\n", exp(1.0), log(M_E), log10(1000.0));
	printf("%.6f %.6f %.6f\n", sin(M_PI / 6), cos(M_PI / 3), tan(M_PI / 4));
	printf("%.6f %.6f\n", atan(1.0) * 4, atan2(1.0, -1.0));
	printf("%.1f %.1f %.1f %.1f\n", floor(-2.5), ceil(-2.5), round(-2.5), round(2.5));
	printf("%.1f %.1f %.1f\n", floor(2.7), ceil(2.1), round(0.49999));
	printf("%.3f %.3f %.3f\n", fmod(10.0, 3.0), fmod(-10.0, 3.0), fmod(5.5, 1.25));
	printf("%.2f %.2f\n", fabs(-3.25), fabs(3.25));
	double h = sqrt(3 * 3 + 4 * 4);
	printf("%.0f\n", h);
	return 0;
}
