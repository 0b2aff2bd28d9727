/* Right shift of a negative value is arithmetic on gcc/x86-64 (implementation-defined). */
#include <stdio.h>

int main(void)
{
	int n = -16;
	printf("%d\n", n >> 1);
	printf("%d\n", n >> 2);
	printf("%d\n", n >> 4);
	printf("%d\n", n >> 31);
	printf("%d\n", -1 >> 10);
	printf("%d\n", -17 >> 2);
	long l = -1000000000000l;
	printf("%ld\n", l >> 3);
	printf("%ld\n", l >> 63);
	signed char c = -128;
	printf("%d\n", c >> 3);
	printf("%d\n", 5 >> 1);
	printf("%d\n", 1 << 30);
	printf("%d\n", 0x7fffffff >> 30);
	int k = 3;
	printf("%d\n", 256 >> k);
	printf("%d\n", 1 << k << k);
	return 0;
}
