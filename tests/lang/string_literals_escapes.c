/* String and character literal escapes, and adjacent-literal concatenation. */
#include <stdio.h>

int main(void)
{
	const char *s = "a\tb\\c\"d\'e\?";
	printf("%s\n", s);
	const char esc[] = "\a\b\f\n\r\t\v";
	for (unsigned i = 0; i < sizeof esc; i++)
		printf("%d ", esc[i]);
	printf("\n");
	printf("%d %d %d\n", '\0', '\101', '\x41');
	printf("%s\n", "\x48\x49");
	printf("%s\n", "\110\151");
	printf("%zu\n", sizeof("con" "cat" "enated"));
	printf("%s\n", "con" "cat" "enated");
	printf("%d\n", "abc"[1]);
	printf("%c\n", *("xyz" + 2));
	printf("%d\n", '\'');
	printf("%zu\n", sizeof("a\0b"));
	const char *e = "";
	printf("[%s] %d\n", e, e[0]);
	return 0;
}
