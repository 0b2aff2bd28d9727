/* Octal escapes take at most three digits; hex escapes take every hex digit. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *s = "\1234";          /* \123 then '4' */
	printf("%zu %d %c\n", strlen(s), s[0], s[1]);
	const char *t = "\0012";          /* \001 then '2' */
	printf("%zu %d %c\n", sizeof("\0012"), t[0], t[1]);
	const char *h = "\x41" "B";       /* concatenation stops the hex escape */
	printf("%s\n", h);
	printf("%d\n", '\x7f');
	printf("%d %d\n", '\xff', (unsigned char)'\xff');
	printf("%d\n", "\08"[1]);
	return 0;
}
