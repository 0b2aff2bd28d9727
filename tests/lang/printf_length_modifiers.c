/* printf length modifiers: hh h l ll z t j with signed and unsigned conversions. */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>

int main(void)
{
	printf("%hhd %hhu\n", 300, 300);
	printf("%hhd\n", -129);
	printf("%hd %hu\n", 70000, 70000);
	printf("%hd\n", -32769);
	printf("%ld %lu\n", -1L, -1L);
	printf("%lld %llu\n", -9223372036854775807LL - 1, 18446744073709551615ULL);
	size_t z = 12345678901ul;
	ptrdiff_t t = -5;
	printf("%zu %zd %zx\n", z, (ssize_t)-3, z);
	printf("%td\n", t);
	intmax_t m = -42;
	printf("%jd %ju\n", m, (uintmax_t)42);
	printf("%li %lli\n", 123456789012L, -3LL);
	printf("%u\n", -1);
	printf("%d\n", 4294967295u);
	return 0;
}
