// die — the classic fatal-error helper: print like printf, then exit(1).
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

int main(void)
{
	const char *path = "/dev/nonexistent";

	die("die: cannot open %s: error %d", path, 2);
	return 0;
}
