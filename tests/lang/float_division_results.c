/* Integer versus floating division and mixed-type expressions. */
#include <stdio.h>

int main(void)
{
	int a = 7, b = 2;
	printf("%d %f %f %f\n", a / b, (double)a / b, a / (double)b, (double)(a / b));
	printf("%f\n", a / b * 1.0);
	printf("%f\n", 1.0 * a / b);
	float f = 1 / 3;
	printf("%f\n", f);
	f = 1 / 3.0f;
	printf("%.8f\n", f);
	long big = 1l << 53;
	printf("%.1f\n", (double)(big + 1));
	printf("%.3f\n", -7 / 2.0);
	printf("%.3f\n", (double)-7 / 2);
	printf("%d\n", (int)(-7 / 2.0));
	unsigned u = 3;
	printf("%.3f\n", u / 2.0);
	printf("%f\n", 5 % 3 / 2.0);
	return 0;
}
