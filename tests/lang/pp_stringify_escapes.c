/* # escapes quotes and backslashes inside string and char literals. */
#include <stdio.h>

#define S(x) #x

int main(void)
{
	printf("%s\n", S("hello\n"));
	printf("%s\n", S('\''));
	printf("%s\n", S(a "b" c));
	printf("%s\n", S(\\));
	printf("%s\n", S(  spaces   between	words  ));
	printf("%zu\n", sizeof(S(abc)));
	return 0;
}
