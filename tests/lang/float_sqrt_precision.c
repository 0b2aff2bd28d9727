/* sqrt is correctly rounded: squares of roots and perfect squares. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	int exact = 0;
	for (int i = 1; i <= 1000; i++) {
		double r = sqrt((double)i * i);
		exact += r == i;
	}
	printf("%d\n", exact);
	printf("%.17g %.17g\n", sqrt(2.0), sqrt(2.0) * sqrt(2.0));
	printf("%.17g\n", sqrt(1e-300));
	float f = sqrt(2.0f);
	printf("%.9g\n", f);
	return 0;
}
