/* int -> float rounds to nearest even beyond 2^24; float -> int truncates. */
#include <stdio.h>

int main(void)
{
	int vals[] = {16777216, 16777217, 16777218, 16777219, 33554435, -16777217};
	for (int i = 0; i < 6; i++) {
		float f = vals[i];
		printf("%d -> %.1f -> %d\n", vals[i], f, (int)f);
	}
	long l = 9007199254740993l;
	double d = l;
	printf("%.1f\n", d);
	float g = 0.7f;
	printf("%d %d\n", (int)(g * 10), (int)(0.7 * 10));
	printf("%d\n", (int)(float)1e9);
	printf("%ld\n", (long)1e18);
	printf("%d\n", (int)-0.9999);
	return 0;
}
