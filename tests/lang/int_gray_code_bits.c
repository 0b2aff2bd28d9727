/* Gray code, parity and bit reversal: shifts and xors in loops. */
#include <stdio.h>

static unsigned gray(unsigned n) { return n ^ (n >> 1); }
static unsigned ungray(unsigned g) { for (unsigned s = 1; s < 32; s <<= 1) g ^= g >> s; return g; }
static int parity(unsigned long v) { v ^= v >> 32; v ^= v >> 16; v ^= v >> 8; v ^= v >> 4; v ^= v >> 2; v ^= v >> 1; return (int)(v & 1); }

int main(void)
{
	for (unsigned i = 0; i < 16; i++)
		printf("%u:%u ", i, gray(i));
	printf("\n");
	int ok = 1;
	for (unsigned i = 0; i < 1000; i++)
		ok &= ungray(gray(i)) == i;
	printf("%d\n", ok);
	printf("%d %d %d\n", parity(0), parity(7), parity(0x8000000000000001ul));
	return 0;
}
