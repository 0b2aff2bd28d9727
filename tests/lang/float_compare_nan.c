/* Comparisons involving NaN are false (except !=); infinities order as expected. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	double zero = 0.0;
	double nan = zero / zero;
	double inf = 1.0 / zero;
	printf("%d %d %d %d %d %d\n", nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= 0);
	printf("%d %d %d\n", inf > 1e308, -inf < -1e308, inf == inf);
	printf("%d\n", inf - inf != inf - inf);
	printf("%f\n", 1.0 / inf);
	printf("%d\n", -0.0 == 0.0);
	printf("%f %f\n", fmax(1.0, 2.0), fmin(1.0, 2.0));
	float fn = nan;
	printf("%d\n", fn != fn);
	printf("%d\n", !nan);
	printf("%d\n", nan ? 1 : 0);
	return 0;
}
