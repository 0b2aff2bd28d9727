/* strrchr, strstr, strspn, strcspn, memchr, strnlen. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *path = "/usr/local/lib/libfoo.so.1";
	printf("%s\n", strrchr(path, '/') + 1);
	printf("%s\n", strrchr(path, '.'));
	printf("%d\n", strrchr(path, 'z') == NULL);
	printf("%td\n", strrchr(path, '\0') - path);
	printf("%s\n", strstr(path, "lib"));
	printf("%s\n", strstr(path, "libfoo"));
	printf("%d\n", strstr(path, "bar") == NULL);
	printf("%d\n", strstr(path, "") == path);
	printf("%zu %zu\n", strspn("123abc", "0123456789"), strspn("abc", "0123456789"));
	printf("%zu %zu\n", strcspn("hello, world", ", "), strcspn("hello", "xyz"));
	char buf[] = {'a', 'b', 0, 'c', 'd'};
	char *c = memchr(buf, 'c', sizeof buf);
	printf("%td\n", c - buf);
	printf("%d\n", memchr(buf, 'z', sizeof buf) == NULL);
	printf("%zu %zu\n", strnlen("abcdef", 3), strnlen("ab", 10));
	return 0;
}
