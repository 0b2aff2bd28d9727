/* do-while: body runs at least once; digit counting and input-like loops. */
#include <stdio.h>

static int digits(unsigned long n) { int d = 0; do { d++; n /= 10; } while (n); return d; }

int main(void)
{
	printf("%d %d %d\n", digits(0), digits(9), digits(18446744073709551615ul));
	int i = 10;
	do
		printf("ran with %d\n", i);
	while (i < 5);
	const char *s = "abc";
	const char *p = s;
	do
		putchar(*p);
	while (*p++);
	putchar('\n');
	return 0;
}
