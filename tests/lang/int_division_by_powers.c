/* Division and modulo by powers of two of negative numbers truncate toward zero,
 * unlike arithmetic shifts. */
#include <stdio.h>

int main(void)
{
	for (int v = -9; v <= 9; v += 3)
		printf("%3d: /4=%d %%4=%d >>2=%d &3=%d\n", v, v / 4, v % 4, v >> 2, v & 3);
	unsigned u = 4294967291u;
	printf("%u %u\n", u / 4, u % 4);
	long l = -1000000000007l;
	printf("%ld %ld\n", l / 1024, l % 1024);
	return 0;
}
