/* C99 division truncates toward zero; a % b has the sign of a. */
#include <stdio.h>

int main(void)
{
	int a[] = {7, -7, 7, -7, 0, 1, -1};
	int b[] = {2, 2, -2, -2, 3, -5, 5};
	for (int i = 0; i < 7; i++)
		printf("%d / %d = %d, %d %% %d = %d\n", a[i], b[i], a[i] / b[i], a[i], b[i], a[i] % b[i]);
	long x = -1000000000001l;
	printf("%ld %ld\n", x / 7, x % 7);
	printf("%d\n", (-9) / 4 * 4 + (-9) % 4);
	unsigned int u = 7;
	printf("%u\n", u / 2);
	printf("%u\n", (unsigned)-7 / 2);
	printf("%d\n", -2147483647 / -1);
	return 0;
}
