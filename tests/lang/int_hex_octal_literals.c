/* Hexadecimal, octal and binary literals with suffixes, in all cases. */
#include <stdio.h>

int main(void)
{
	printf("%d %d %d %d\n", 0x1F, 0X1f, 017, 0);
	printf("%u %lu %llu\n", 0xFFu, 0xFFUL, 0xffULL);
	printf("%ld %lld\n", 0777L, 01LL);
	printf("%d %d\n", 0b1111, 0B1010);
	printf("%x\n", 0xDEAD + 0xbeef);
	printf("%lu\n", 10UL * 0x10ul * 010lu);
	return 0;
}
