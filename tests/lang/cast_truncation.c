/* Conversions to narrower integer types keep the low bits (gcc: modulo 2^N). */
#include <stdio.h>

int main(void)
{
	long big = 0x123456789abcdef0l;
	printf("%x\n", (unsigned int)big);
	printf("%d\n", (int)big);
	printf("%d\n", (short)big);
	printf("%d\n", (unsigned short)big);
	printf("%d\n", (signed char)big);
	printf("%d\n", (unsigned char)big);
	int i = 70000;
	short s = (short)i;
	printf("%d\n", s);
	printf("%d\n", (short)-70000);
	printf("%ld\n", (long)(int)0x80000000u);
	printf("%lu\n", (unsigned long)(int)-1);
	printf("%lu\n", (unsigned long)(unsigned int)-1);
	printf("%d\n", (_Bool)256);
	printf("%d\n", (_Bool)0.5);
	printf("%d\n", (_Bool)0);
	return 0;
}
