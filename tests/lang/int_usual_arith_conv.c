/* C11 6.3.1.8: the usual arithmetic conversions. */
#include <stdio.h>

int main(void)
{
	int i = -1;
	unsigned int u = 1;
	long l = -1;
	unsigned long ul = 1;
	printf("%d\n", i < u);            /* -1 converts to UINT_MAX: 0 */
	printf("%d\n", l < u);            /* long holds all unsigned int: 1 */
	printf("%d\n", l < ul);           /* 0 */
	printf("%u\n", i + u);            /* 0 */
	printf("%lu\n", i + ul);          /* 0 */
	printf("%ld\n", l + u);           /* 0 as long */
	printf("%zu\n", sizeof(i + u));
	printf("%zu\n", sizeof(i + l));
	printf("%zu\n", sizeof(u + l));
	printf("%zu\n", sizeof(1.0f + 1));
	printf("%zu\n", sizeof(1.0 + 1.0f));
	unsigned short us = 65535;
	printf("%u\n", (unsigned)us * us);  /* unsigned: 4294836225 */
	printf("%d\n", us + us);             /* int: 131070 */
	return 0;
}
