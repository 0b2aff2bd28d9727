/* A lexer written as a goto state machine. */
#include <stdio.h>

int main(void)
{
	const char *s = "int x = 42 + y1;";
	const char *p = s;
	int idents = 0, numbers = 0, others = 0;
start:
	if (!*p)
		goto done;
	if (*p == ' ') {
		p++;
		goto start;
	}
	if ((*p >= 'a' && *p <= 'z') || *p == '_')
		goto ident;
	if (*p >= '0' && *p <= '9')
		goto number;
	others++;
	p++;
	goto start;
ident:
	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
		p++;
	idents++;
	goto start;
number:
	while (*p >= '0' && *p <= '9')
		p++;
	numbers++;
	goto start;
done:
	printf("%d identifiers, %d numbers, %d others\n", idents, numbers, others);
	return 0;
}
