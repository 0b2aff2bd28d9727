/* va_arg with mixed types: promoted chars and floats, longs, pointers. */
#include <stdio.h>
#include <stdarg.h>

static void show(const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	for (const char *t = types; *t; t++) {
		switch (*t) {
		case 'i': printf("%d ", va_arg(ap, int)); break;
		case 'l': printf("%ld ", va_arg(ap, long)); break;
		case 'd': printf("%.2f ", va_arg(ap, double)); break;
		case 's': printf("%s ", va_arg(ap, const char *)); break;
		case 'c': printf("%c ", va_arg(ap, int)); break;
		}
	}
	va_end(ap);
	printf("\n");
}

int main(void)
{
	char c = 'z';
	float f = 2.5f;
	show("ildsc", 1, 2l << 40, 3.25, "four", 'v');
	show("cdi", c, f, (short)-7);
	show("dddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
	return 0;
}
