/* Shift counts from variables, 0 through width-1, and the type of the result. */
#include <stdio.h>

int main(void)
{
	unsigned long long acc = 0;
	for (int i = 0; i < 64; i++)
		acc ^= (1ull << i) >> (i / 2);
	printf("%llx\n", acc);
	int x = 1;
	for (int i = 0; i < 31; i++)
		x = (x << 1) | (i & 1);
	printf("%d\n", x);
	unsigned int sh = 0;
	printf("%u %u\n", 12345u << sh, 12345u >> sh);
	char amt = 3;
	printf("%d\n", 100 << amt);
	printf("%zu %zu\n", sizeof(1 << 2L), sizeof(1L << 2));
	unsigned int w = 31;
	printf("%u\n", 3u << w);
	return 0;
}
