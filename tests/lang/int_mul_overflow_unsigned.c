/* Detecting overflow with unsigned arithmetic (well defined), as careful C does. */
#include <stdio.h>
#include <limits.h>

static int add_overflows(int a, int b)
{
	unsigned r = (unsigned)a + (unsigned)b;
	return (int)((~((unsigned)a ^ (unsigned)b) & ((unsigned)a ^ r)) >> 31);
}

static int mul_overflows(unsigned long a, unsigned long b)
{
	return a != 0 && (a * b) / a != b;
}

int main(void)
{
	printf("%d %d %d\n", add_overflows(INT_MAX, 1), add_overflows(-5, 3), add_overflows(INT_MIN, -1));
	printf("%d %d\n", mul_overflows(1ul << 32, 1ul << 32), mul_overflows(1ul << 31, 1ul << 31));
	unsigned u = UINT_MAX;
	printf("%d\n", u + 1 < u);
	size_t n = 0;
	printf("%d\n", n - 1 > n);
	return 0;
}
