/* A long argument to an int parameter keeps the low 32 bits (gcc: modulo 2^32). */
#include <stdio.h>

static int id(int v) { return v; }
static unsigned uid(unsigned v) { return v; }

int main(void)
{
	long big = 0x1ffffffffl;
	printf("%d %u\n", id(big), uid(big));
	printf("%d\n", id(4294967296l + 7));
	printf("%d\n", id(-4294967297l));
	printf("%u\n", uid(-1l));
	return 0;
}
