/* %u %x %o of negative ints and narrow types: the argument is reinterpreted. */
#include <stdio.h>

int main(void)
{
	int neg = -1;
	printf("%u %x %o\n", neg, neg, neg);
	short s = -2;
	printf("%hu %hx %d\n", s, s, s);
	signed char c = -3;
	printf("%hhu %hhx %d\n", c, c, c);
	long l = -4;
	printf("%lu %lx\n", l, l);
	unsigned char uc = 250;
	printf("%d %u %x %c\n", uc, uc, uc, uc - 150);
	return 0;
}
