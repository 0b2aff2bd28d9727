/* printf %s with NULL-free strings, embedded escapes, and %c of various values. */
#include <stdio.h>

int main(void)
{
	const char *words[] = {"alpha", "", "gamma delta", "tab\there"};
	for (int i = 0; i < 4; i++)
		printf("<%s> <%12s> <%-12s>\n", words[i], words[i], words[i]);
	printf("%c%c%c%c\n", 72, 105, 33, 10);
	printf("%c", 'A' + 25);
	printf("%c\n", '0' + 7);
	printf("%s\n", "quote\" backslash\\ question\?");
	printf("%5.1s|\n", "xyz");
	printf("%s %s\n", "two", "args");
	return 0;
}
