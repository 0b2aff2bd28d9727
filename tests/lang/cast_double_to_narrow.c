/* double -> narrow integers goes through truncation toward zero (values in range). */
#include <stdio.h>

int main(void)
{
	double v[] = {127.9, -128.9, 255.5, 0.99, -0.99, 32767.5};
	for (int i = 0; i < 6; i++) {
		int n = (int)v[i];
		printf("%.2f -> %d %d %d\n", v[i], n, (short)v[i], (signed char)n);
	}
	printf("%u\n", (unsigned char)200.7);
	printf("%u\n", (unsigned short)65535.9);
	return 0;
}
