/* Conversions between integers and floating point (truncation toward zero). */
#include <stdio.h>

int main(void)
{
	double d = 3.99;
	printf("%d\n", (int)d);
	printf("%d\n", (int)-3.99);
	printf("%ld\n", (long)1e15);
	printf("%u\n", (unsigned)3000000000.0);
	printf("%f\n", (double)7 / 2);
	printf("%f\n", (double)(7 / 2));
	int big = 16777217;
	float f = (float)big;
	printf("%.1f\n", f);
	double dd = (double)9007199254740993l;
	printf("%.1f\n", dd);
	printf("%d\n", (int)(0.1 + 0.2 == 0.3));
	long l = -5;
	printf("%f\n", l * 0.5);
	unsigned long ul = 18446744073709551615ul;
	printf("%.0f\n", (double)ul);
	printf("%d\n", (char)65.7);
	return 0;
}
