/* printf %x %X %o with and without '#', widths and zero padding. */
#include <stdio.h>

int main(void)
{
	printf("%x %X %o\n", 255, 255, 255);
	printf("%#x %#X %#o\n", 255, 255, 255);
	printf("%#x %#o\n", 0, 0);
	printf("%08x\n", 0xbeef);
	printf("%#08x\n", 0xbeef);
	printf("%-#8x|\n", 0xbeef);
	printf("%x\n", -1);
	printf("%lx\n", -1L);
	printf("%llX\n", 0xabcdef0123456789ULL);
	printf("%hx\n", 0x12345678);
	printf("%hhx\n", 0x12345678);
	printf("%o\n", 8);
	printf("%#.5o\n", 8);
	printf("%.8x\n", 0x1f);
	printf("%#10.6x|\n", 0x1f);
	printf("%lo\n", 01777777777777777777777UL);
	return 0;
}
