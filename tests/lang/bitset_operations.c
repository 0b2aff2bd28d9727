/* A bitset over an array of unsigned longs: set, clear, test, count, iterate. */
#include <stdio.h>

#define BITS 200
static unsigned long set[(BITS + 63) / 64];

static void bset(int i) { set[i / 64] |= 1ul << (i % 64); }
static void bclr(int i) { set[i / 64] &= ~(1ul << (i % 64)); }
static int btest(int i) { return (set[i / 64] >> (i % 64)) & 1; }

int main(void)
{
	for (int i = 0; i < BITS; i += 3)
		bset(i);
	for (int i = 0; i < BITS; i += 9)
		bclr(i);
	int count = 0;
	for (int i = 0; i < BITS; i++)
		count += btest(i);
	printf("%d\n", count);
	for (int i = 60; i < 70; i++)
		printf("%d", btest(i));
	printf("\n%016lx %016lx\n", set[0], set[3]);
	return 0;
}
