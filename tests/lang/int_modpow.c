/* Modular exponentiation by squaring and Fermat checks (products fit in 64 bits). */
#include <stdio.h>

static unsigned long modpow(unsigned long b, unsigned long e, unsigned long m)
{
	unsigned long r = 1;
	b %= m;
	while (e) {
		if (e & 1)
			r = r * b % m;
		b = b * b % m;
		e >>= 1;
	}
	return r;
}

int main(void)
{
	printf("%lu %lu %lu\n", modpow(2, 10, 1000), modpow(3, 200, 1000007), modpow(7, 0, 13));
	unsigned long p = 1000003;
	printf("%lu\n", modpow(5, p - 1, p));
	int fermat = 0;
	for (unsigned long n = 3; n < 2000; n += 2)
		if (modpow(2, n - 1, n) == 1)
			fermat++;
	printf("%d\n", fermat);
	return 0;
}
