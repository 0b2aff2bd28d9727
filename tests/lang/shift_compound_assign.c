/* <<= and >>= on signed, unsigned and narrow types. */
#include <stdio.h>

int main(void)
{
	int i = 1;
	i <<= 4;
	i >>= 2;
	printf("%d\n", i);
	int n = -64;
	n >>= 3;
	printf("%d\n", n);
	unsigned char c = 0x81;
	c <<= 1;
	printf("%u\n", c);
	c >>= 1;
	printf("%u\n", c);
	short s = -2;
	s <<= 14;
	printf("%d\n", s);
	unsigned long ul = 0xff00000000000000ul;
	ul >>= 60;
	printf("%lu\n", ul);
	return 0;
}
