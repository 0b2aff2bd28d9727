/* Byte-by-byte copy and compare of char arrays without libc. */
#include <stdio.h>

static void copy(char *d, const char *s) { while ((*d++ = *s++)) ; }
static int cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int main(void)
{
	char buf[32];
	copy(buf, "kernel");
	printf("%s\n", buf);
	printf("%d %d %d\n", cmp("abc", "abd") < 0, cmp("abc", "abc"), cmp("b", "a") > 0);
	printf("%d\n", cmp("\xe9", "e") > 0);
	char *p = buf;
	while (*p)
		(*p++)--;
	printf("%s\n", buf);
	return 0;
}
