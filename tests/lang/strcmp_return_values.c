/* glibc's strcmp, strncmp and memcmp return the difference of the first differing
 * bytes (as unsigned char). Strings are built at run time so gcc cannot fold them. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char a[8], b[8];
	strcpy(a, "abc");
	strcpy(b, "abz");
	printf("%d %d %d\n", strcmp(a, b), strcmp(b, a), strcmp(a, a));
	printf("%d %d\n", strncmp(a, b, 2), strncmp(a, b, 3));
	printf("%d\n", memcmp(a, b, 3));
	strcpy(b, "a\xff");
	printf("%d %d\n", strcmp(a, b), memcmp(a, b, 2));
	strcpy(b, "ab");
	printf("%d %d\n", strcmp(a, b), strcmp(b, a));
	return 0;
}
