/* A variadic function summing its int arguments with va_list/va_arg. */
#include <stdio.h>
#include <stdarg.h>

static long sum(int count, ...)
{
	va_list ap;
	va_start(ap, count);
	long s = 0;
	for (int i = 0; i < count; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

int main(void)
{
	printf("%ld %ld %ld\n", sum(0), sum(3, 1, 2, 3), sum(8, 1, -2, 3, -4, 5, -6, 7, -8));
	return 0;
}
