/* Naive versus Kahan-compensated summation in float and double. */
#include <stdio.h>

int main(void)
{
	float naive = 0, sum = 0, c = 0;
	for (int i = 0; i < 100000; i++) {
		float x = 0.0001f;
		naive += x;
		float y = x - c;
		float t = sum + y;
		c = (t - sum) - y;
		sum = t;
	}
	printf("%.6f %.6f\n", naive, sum);
	double dn = 0;
	for (int i = 1; i <= 1000000; i++)
		dn += 1.0 / ((double)i * i);
	printf("%.12f\n", dn);
	return 0;
}
