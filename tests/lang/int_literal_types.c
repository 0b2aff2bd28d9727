/* The type of an integer constant depends on its value, base and suffix (C11 6.4.4.1). */
#include <stdio.h>

int main(void)
{
	printf("%zu %zu %zu\n", sizeof(2147483647), sizeof(2147483648), sizeof(-2147483648));
	printf("%zu %zu\n", sizeof(0x7fffffff), sizeof(0x80000000));
	printf("%zu %zu\n", sizeof(0xffffffff), sizeof(0x100000000));
	printf("%zu %zu %zu\n", sizeof(1u), sizeof(1l), sizeof(1ull));
	printf("%d\n", 0x80000000 > 0);            /* unsigned int */
	printf("%d\n", -0x80000000 > 0);           /* still unsigned */
	printf("%d\n", -2147483648 < 0);           /* long */
	printf("%ld\n", -2147483648);
	printf("%u\n", 0xffffffff);
	printf("%lld\n", 9223372036854775807ll);
	printf("%llu\n", 0xffffffffffffffffull);
	printf("%d %d %d\n", 010, 0x10, 0b101);
	printf("%d\n", 'A' + 1);
	printf("%lu\n", 4294967295ul + 1);
	printf("%d\n", (int)sizeof(01777777777777777777777));
	return 0;
}
