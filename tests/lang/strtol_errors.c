/* strtol and friends on overflow: the clamped value and errno ERANGE. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

int main(void)
{
	errno = 0;
	long v = strtol("99999999999999999999", NULL, 10);
	printf("%ld %d\n", v, errno == ERANGE);
	errno = 0;
	v = strtol("-99999999999999999999", NULL, 10);
	printf("%ld %d\n", v, errno == ERANGE);
	errno = 0;
	v = strtol("12345", NULL, 10);
	printf("%ld %d\n", v, errno);
	errno = 0;
	unsigned long u = strtoul("999999999999999999999", NULL, 10);
	printf("%lu %d\n", u, errno == ERANGE);
	long long ll = strtoll("-9223372036854775808", NULL, 10);
	printf("%lld\n", ll);
	unsigned long long ull = strtoull("0xFFFFFFFFFFFFFFFF", NULL, 16);
	printf("%llu\n", ull);
	printf("%lld\n", atoll("  -1234567890123"));
	return 0;
}
