/* More of libm: inverse and hyperbolic trig, log2, exp2, cbrt, hypot, trunc, fmin/fmax. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	printf("%.6f %.6f\n", asin(0.5), acos(0.5));
	printf("%.6f %.6f %.6f\n", sinh(1.0), cosh(1.0), tanh(0.5));
	printf("%.6f %.6f\n", log2(1024.0), exp2(10.0));
	printf("%.6f %.6f\n", cbrt(27.0), cbrt(-8.0));
	printf("%.6f\n", hypot(5.0, 12.0));
	printf("%.1f %.1f\n", trunc(2.9), trunc(-2.9));
	printf("%.1f %.1f\n", fmin(-1.0, 3.0), fmax(-1.0, 3.0));
	printf("%d %d %d\n", isnan(0.0 / 0.0), isinf(1.0 / 0.0), isinf(-1.0 / 0.0));
	printf("%d %d\n", isfinite(1.0), isfinite(1.0 / 0.0));
	return 0;
}
