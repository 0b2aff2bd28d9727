/* A printf-like wrapper forwarding its va_list to vsnprintf, and va_copy. */
#include <stdio.h>
#include <stdarg.h>

static int logf_(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return len == r ? r : -1;
}

int main(void)
{
	char buf[32];
	int n = logf_(buf, sizeof buf, "[%s:%d] %5.2f", "main", 42, 3.14159);
	printf("%d %s\n", n, buf);
	n = logf_(buf, 8, "%s", "truncated text");
	printf("%d %s\n", n, buf);
	return 0;
}
