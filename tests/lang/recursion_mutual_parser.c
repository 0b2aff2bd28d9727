/* A recursive-descent expression parser: mutual recursion over a string. */
#include <stdio.h>

static const char *p;

static long expr(void);

static long factor(void)
{
	while (*p == ' ') p++;
	if (*p == '(') {
		p++;
		long v = expr();
		while (*p == ' ') p++;
		p++;   /* ')' */
		return v;
	}
	if (*p == '-') {
		p++;
		return -factor();
	}
	long v = 0;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

static long term(void)
{
	long v = factor();
	for (;;) {
		while (*p == ' ') p++;
		if (*p == '*') { p++; v *= factor(); }
		else if (*p == '/') { p++; v /= factor(); }
		else if (*p == '%') { p++; v %= factor(); }
		else return v;
	}
}

static long expr(void)
{
	long v = term();
	for (;;) {
		while (*p == ' ') p++;
		if (*p == '+') { p++; v += term(); }
		else if (*p == '-') { p++; v -= term(); }
		else return v;
	}
}

int main(void)
{
	const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "-7 / 2", "100 % 7 - -3", "2 * (3 + (4 - 1)) * 5", "42"};
	for (int i = 0; i < 6; i++) {
		p = tests[i];
		printf("%s = %ld\n", tests[i], expr());
	}
	return 0;
}
