/* 64-bit arithmetic: multiplication, division and modulo near the limits. */
#include <stdio.h>

int main(void)
{
	long long a = 9223372036854775807ll;
	long long b = -9223372036854775807ll - 1;
	printf("%lld %lld\n", a / 3, a % 3);
	printf("%lld %lld\n", b / 7, b % 7);
	printf("%lld\n", b / -2);
	unsigned long long u = 18446744073709551615ull;
	printf("%llu %llu\n", u / 10, u % 10);
	printf("%llu\n", u * u);
	printf("%llu\n", 4294967296ull * 4294967295ull);
	long long m = 3037000499ll;
	printf("%lld\n", m * m);
	printf("%lld\n", -a - 1 == b);
	unsigned long long f = 1;
	for (int i = 1; i <= 25; i++)
		f *= i;
	printf("%llu\n", f);
	return 0;
}
