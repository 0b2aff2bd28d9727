/* Negating unsigned values, and absolute values written without abs(). */
#include <stdio.h>

int main(void)
{
	unsigned u = 5;
	printf("%u\n", -u);
	unsigned long ul = 1;
	printf("%lu\n", -ul);
	int vals[] = {-7, 0, 7, -2147483647};
	for (int i = 0; i < 4; i++) {
		int v = vals[i];
		int mask = v >> 31;
		printf("%d %d %u\n", (v ^ mask) - mask, v < 0 ? -v : v, (unsigned)v);
	}
	unsigned char c = 1;
	printf("%d %u\n", -c, (unsigned char)-c);
	return 0;
}
