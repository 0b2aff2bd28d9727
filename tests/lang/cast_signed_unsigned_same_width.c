/* Casting between signed and unsigned of the same width keeps the bits. */
#include <stdio.h>

int main(void)
{
	int i = -123456;
	unsigned u = (unsigned)i;
	printf("%u %d\n", u, (int)u);
	long l = -1;
	printf("%lu\n", (unsigned long)l);
	unsigned long big = 0x8000000000000000ul;
	printf("%ld\n", (long)big);
	short s = (short)0xffff;
	printf("%d %u\n", s, (unsigned short)s);
	unsigned char c = (unsigned char)(signed char)-7;
	printf("%u %d\n", c, (signed char)c);
	return 0;
}
