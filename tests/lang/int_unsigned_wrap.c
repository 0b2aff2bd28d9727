/* Unsigned arithmetic wraps modulo 2^N (C11 6.2.5p9). */
#include <stdio.h>
#include <limits.h>

int main(void)
{
	unsigned int u = UINT_MAX;
	u++;
	printf("%u\n", u);
	u--;
	printf("%u\n", u);
	unsigned int z = 0;
	printf("%u\n", z - 1);
	printf("%u\n", 0u - 5u);
	unsigned long ul = ULONG_MAX;
	printf("%lu\n", ul + 2);
	unsigned char c = 250;
	c += 10;
	printf("%u\n", c);
	unsigned short s = 0;
	s -= 1;
	printf("%u\n", s);
	printf("%u\n", 65536u * 65536u);
	printf("%u\n", 123456789u * 1000u);
	printf("%lu\n", (unsigned long)UINT_MAX * UINT_MAX);
	return 0;
}
