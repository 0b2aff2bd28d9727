/* Hand-written itoa and atoi, checked against printf and the libc atoi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *my_itoa(long v, char *buf)
{
	char tmp[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	do tmp[n++] = '0' + u % 10; while (u /= 10);
	int k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = 0;
	return buf;
}

static long my_atol(const char *s)
{
	int neg = *s == '-';
	if (*s == '-' || *s == '+') s++;
	unsigned long v = 0;
	while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
	return neg ? -(long)v : (long)v;
}

int main(void)
{
	long tests[] = {0, 7, -7, 2147483647, -2147483648l, 9223372036854775807l, -9223372036854775807l - 1};
	char a[24], b[24];
	for (int i = 0; i < 7; i++) {
		my_itoa(tests[i], a);
		sprintf(b, "%ld", tests[i]);
		printf("%s %d %d\n", a, strcmp(a, b) == 0, my_atol(a) == tests[i]);
	}
	printf("%d\n", atoi("-2147483648") == (int)my_atol("-2147483648"));
	return 0;
}
