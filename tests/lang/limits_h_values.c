/* <limits.h> values on x86-64 Linux. */
#include <stdio.h>
#include <limits.h>

int main(void)
{
	printf("%d %d %d\n", CHAR_BIT, SCHAR_MIN, SCHAR_MAX);
	printf("%d %d %d\n", UCHAR_MAX, SHRT_MIN, SHRT_MAX);
	printf("%d %d %d\n", USHRT_MAX, INT_MIN, INT_MAX);
	printf("%u\n", UINT_MAX);
	printf("%ld %ld\n", LONG_MIN, LONG_MAX);
	printf("%lu\n", ULONG_MAX);
	printf("%d\n", INT_MAX + INT_MIN);
	printf("%u\n", UINT_MAX + 1u);
	printf("%zu %zu\n", sizeof(INT_MIN), sizeof(LONG_MIN));
	return 0;
}
