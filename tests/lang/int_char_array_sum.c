/* Summing a signed char array: negative bytes promote to negative ints. */
#include <stdio.h>

int main(void)
{
	signed char v[] = {100, 100, -50, -128, 127};
	int s = 0;
	for (int i = 0; i < 5; i++)
		s += v[i];
	unsigned char u[] = {200, 200, 255};
	unsigned us = 0;
	for (int i = 0; i < 3; i++)
		us += u[i];
	char c8 = 0;
	for (int i = 0; i < 5; i++)
		c8 += v[i];
	printf("%d %u %d\n", s, us, c8);
	return 0;
}
