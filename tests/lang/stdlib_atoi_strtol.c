/* atoi, atol, strtol, strtoul: leading space, signs, bases, end pointers. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("%d %d %d %d\n", atoi("42"), atoi("  -17xyz"), atoi("+8"), atoi("abc"));
	printf("%ld\n", atol("9876543210"));
	char *end;
	long v = strtol("0x1fZ", &end, 16);
	printf("%ld [%s]\n", v, end);
	v = strtol("0x1f", &end, 0);
	printf("%ld [%s]\n", v, end);
	v = strtol("0777", &end, 0);
	printf("%ld [%s]\n", v, end);
	v = strtol("-101", &end, 2);
	printf("%ld [%s]\n", v, end);
	v = strtol("zz", &end, 36);
	printf("%ld [%s]\n", v, end);
	v = strtol("   12 34", &end, 10);
	printf("%ld [%s]\n", v, end);
	v = strtol("none", &end, 10);
	printf("%ld [%s]\n", v, end);
	unsigned long u = strtoul("18446744073709551615", &end, 10);
	printf("%lu [%s]\n", u, end);
	u = strtoul("ff", NULL, 16);
	printf("%lu\n", u);
	return 0;
}
