/* Rounding functions on negatives and halves, and negation of floats. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	double v[] = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -2.7, 2.7};
	for (int i = 0; i < 8; i++)
		printf("%5.1f: floor %5.1f ceil %5.1f round %5.1f trunc %5.1f int %d\n", v[i], floor(v[i]), ceil(v[i]),
		       round(v[i]), trunc(v[i]), (int)v[i]);
	float f = 3.5f;
	printf("%.1f %.1f\n", -f, -(-f));
	double z = 0.0;
	printf("%g %g\n", -z, 0.0 - z);
	return 0;
}
