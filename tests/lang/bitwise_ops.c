/* Bitwise operators on signed and unsigned values, and common bit tricks. */
#include <stdio.h>

static int popcount(unsigned v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }

int main(void)
{
	unsigned a = 0xf0f0, b = 0x0ff0;
	printf("%x %x %x %x\n", a & b, a | b, a ^ b, ~a);
	int n = -1;
	printf("%x %d\n", n & 0xff, ~n);
	printf("%d\n", ~0 == -1);
	printf("%d %d %d\n", popcount(0), popcount(0xff), popcount(0xffffffffu));
	unsigned x = 40;
	printf("%u\n", x & -x);               /* lowest set bit */
	printf("%d\n", (x & (x - 1)) == 0);   /* power of two? */
	printf("%d\n", (64 & 63) == 0);
	unsigned long m = 0;
	m |= 1ul << 40;
	m |= 1ul << 3;
	printf("%lx\n", m);
	printf("%d\n", !!(m & (1ul << 40)));
	unsigned char byte = 0xb4;
	unsigned char rev = 0;
	for (int i = 0; i < 8; i++)
		rev |= ((byte >> i) & 1) << (7 - i);
	printf("%02x\n", rev);
	int s = -8;
	printf("%d %d\n", s & 7, s | 3);
	printf("%d\n", 5 ^ 5 ^ 9);
	return 0;
}
