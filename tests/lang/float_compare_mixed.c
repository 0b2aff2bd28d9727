/* Comparisons between floats, doubles and integers after conversion. */
#include <stdio.h>

int main(void)
{
	float f = 0.1f;
	double d = 0.1;
	printf("%d %d %d\n", f == d, f > d, (double)f == (float)d);
	int big = 16777217;
	float fb = big;
	printf("%d %d\n", fb == big, (double)fb == (double)big);
	long l = 9007199254740993l;
	printf("%d\n", (double)l == 9007199254740992.0);
	unsigned u = 4294967295u;
	printf("%d\n", u == 4294967295.0);
	printf("%d %d\n", -0.0 < 0.0, 1e-320 > 0);
	double x = 3.0;
	printf("%d %d %d\n", x == 3, x < 3.0000000000000004, x <= 3);
	return 0;
}
