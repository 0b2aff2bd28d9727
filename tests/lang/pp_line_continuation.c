/* Backslash-newline joins lines, in macros and elsewhere. */
#include <stdio.h>

#define LONG_MACRO(a, b) \
	((a) + \
	 (b))

#define BLOCK(x) do { \
		printf("block %d\n", x); \
	} while (0)

int main(void)
{
	printf("%d\n", LONG_MACRO(2, \
				  3));
	BLOCK(7);
	const char *s = "split \
string";
	printf("%s\n", s);
	int val\
ue = 9;
	printf("%d\n", value);
	return 0;
}
