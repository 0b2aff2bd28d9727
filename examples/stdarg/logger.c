// logger — a user program's vfprintf()/vsnprintf() wrappers with integers of every
// width, doubles and long double.
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static void logf_(FILE *out, const char *tag, const char *fmt, ...)
{
	va_list ap;

	fprintf(out, "[%s] ", tag);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}

static int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap, copy;
	int n, again;

	va_start(ap, fmt);
	va_copy(copy, ap);
	n = vsnprintf(buf, size, fmt, ap);
	again = vsnprintf(NULL, 0, fmt, copy);   // the same arguments, counted again
	va_end(copy);
	va_end(ap);
	return n == again ? n : -1;
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int main(void)
{
	char buf[64];
	char c = 'k';
	short s = -2;
	long long ll = -9000000000LL;
	float f = 0.5f;
	long double ld = 2.75L;
	int n = format(buf, sizeof(buf), "%c %hd %lld %.2f %Lf %Lg", c, s, ll, f, ld, ld);

	logf_(stdout, "info", "formatted %d bytes: %s\n", n, buf);
	say("say: %s %u %lx %5.1e\n", "words", 4000000000u, 0xdeadbeefUL, 12345.678);
	logf_(stderr, "warn", "%d%%\n", 100);
	return 0;
}
