/* Functions with many mixed integer and floating-point parameters. */
#include <stdio.h>

double mix(int a, double b, long c, float d, char e, double f, unsigned g, double h, short i, double j)
{
	return a + b + c + d + e + f + g + h + i + j;
}

double poly(double x, double c0, double c1, double c2, double c3, double c4, double c5, double c6, double c7)
{
	return c0 + x * (c1 + x * (c2 + x * (c3 + x * (c4 + x * (c5 + x * (c6 + x * c7))))));
}

int sum12(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l)
{
	return a - b + c - d + e - f + g - h + i - j + k - l;
}

int main(void)
{
	printf("%.4f\n", mix(1, 2.5, 3, 4.25f, 'A', -6.5, 7u, 8.125, -9, 10.0));
	printf("%.6f\n", poly(0.5, 1, 1, 1, 1, 1, 1, 1, 1));
	printf("%d\n", sum12(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
	printf("%d %d %d %d %d %d %d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
	printf("%.1f %d %.1f %d %.1f %d %.1f %d %.1f %d\n", 1.0, 2, 3.0, 4, 5.0, 6, 7.0, 8, 9.0, 10);
	return 0;
}
