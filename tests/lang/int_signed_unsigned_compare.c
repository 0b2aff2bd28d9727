/* Comparisons between signed and unsigned operands (C11 6.3.1.8). */
#include <stdio.h>

int main(void)
{
	int neg = -5;
	unsigned int big = 3000000000u;
	unsigned char uc = 200;
	signed char sc = -1;
	printf("%d\n", neg < 10u);        /* 0: -5 becomes 4294967291 */
	printf("%d\n", neg < (int)10u);   /* 1 */
	printf("%d\n", big > 0);          /* 1 */
	printf("%d\n", (int)big < 0);     /* 1: 3000000000 - 2^32 */
	printf("%d\n", sc < uc);          /* 1: both promote to int */
	printf("%d\n", sc == -1);         /* 1 */
	printf("%d\n", (unsigned char)sc == 255);
	printf("%d\n", -1L < 1u);         /* 1: long is wider */
	printf("%d\n", -1LL < 1ULL);      /* 0 */
	printf("%d\n", sizeof(int) > -1); /* 0: -1 becomes SIZE_MAX */
	return 0;
}
