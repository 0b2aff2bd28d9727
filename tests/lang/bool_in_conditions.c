/* Scalars in conditions: pointers, doubles, characters and negative numbers. */
#include <stdio.h>

int main(void)
{
	double d = 0.0;
	const char *s = "";
	int neg = -3;
	if (d) printf("d\n"); else printf("!d\n");
	if (s) printf("s non-null\n");
	if (*s) printf("*s\n"); else printf("!*s\n");
	if (neg) printf("neg\n");
	if (0.1) printf("0.1\n");
	while (neg)
		neg++;
	printf("%d\n", neg);
	for (const char *p = "abc"; *p; p++)
		putchar(*p - 32);
	putchar('\n');
	return 0;
}
