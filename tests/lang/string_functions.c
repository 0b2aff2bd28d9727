/* string.h functions from the libc subset: strlen, strcmp, strncmp, strcpy, strncpy,
 * strchr, memset, memcpy, memmove, memcmp. Comparisons print the sign only. */
#include <stdio.h>
#include <string.h>

static int sgn(int v) { return (v > 0) - (v < 0); }

int main(void)
{
	printf("%zu %zu\n", strlen(""), strlen("kernel"));
	printf("%d %d %d\n", sgn(strcmp("abc", "abd")), sgn(strcmp("abc", "abc")), sgn(strcmp("b", "abc")));
	printf("%d %d\n", sgn(strcmp("ab", "abc")), sgn(strcmp("\xff", "a")));
	printf("%d %d\n", sgn(strncmp("abcdef", "abcxyz", 3)), sgn(strncmp("abcdef", "abcxyz", 4)));
	char buf[16];
	strcpy(buf, "copy me");
	printf("%s\n", buf);
	char pad[8];
	memset(pad, '#', sizeof pad);
	strncpy(pad, "ab", sizeof pad);
	for (int i = 0; i < 8; i++)
		printf("%d ", pad[i]);
	printf("\n");
	strncpy(pad, "0123456789", 4);
	printf("%.8s\n", pad);
	const char *s = "hello world";
	printf("%s\n", strchr(s, 'o'));
	printf("%d\n", strchr(s, 'z') == NULL);
	printf("%td\n", strchr(s, '\0') - s);
	char m[10] = "abcdefghi";
	memmove(m + 2, m, 5);
	printf("%s\n", m);
	memcpy(m, "XY", 2);
	printf("%s\n", m);
	printf("%d %d\n", sgn(memcmp("abc", "abd", 3)), sgn(memcmp("abc", "abd", 2)));
	printf("%d\n", sgn(memcmp("\x80", "\x01", 1)));
	return 0;
}
