/* Arbitrary-precision decimal arithmetic on digit arrays: 2^200 and 30!. */
#include <stdio.h>
#include <string.h>

#define DIGITS 80

static void mul_small(unsigned char *d, int k)
{
	int carry = 0;
	for (int i = 0; i < DIGITS; i++) {
		int v = d[i] * k + carry;
		d[i] = v % 10;
		carry = v / 10;
	}
}

static void print(const unsigned char *d)
{
	int i = DIGITS - 1;
	while (i > 0 && !d[i])
		i--;
	for (; i >= 0; i--)
		putchar('0' + d[i]);
	putchar('\n');
}

int main(void)
{
	unsigned char p[DIGITS];
	memset(p, 0, sizeof p);
	p[0] = 1;
	for (int i = 0; i < 200; i++)
		mul_small(p, 2);
	print(p);
	unsigned char f[DIGITS] = {1};
	for (int i = 2; i <= 30; i++)
		mul_small(f, i);
	print(f);
	return 0;
}
