/* String literals: pointer into a literal, sizeof versus strlen, indexing literals. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *a = "shared";
	const char *b = a + 2;
	printf("%s %zu %zu\n", b, strlen(b), sizeof("shared"));
	char copy[] = "shared";
	copy[0] = 'S';
	printf("%s %s\n", copy, a);
	printf("%c%c\n", "0123456789"[4], *"xyz");
	const char *msgs[] = {"a" "b", "c\0d", ""};
	printf("%s %s %zu %zu\n", msgs[0], msgs[1], strlen(msgs[1]), strlen(msgs[2]));
	printf("%zu\n", sizeof("c\0d"));
	return 0;
}
