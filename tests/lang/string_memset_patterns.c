/* memset fills bytes: -1 gives all ones in wider types, 1 does not give 1. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	int a[3];
	memset(a, -1, sizeof a);
	printf("%d %d\n", a[0], a[2]);
	memset(a, 1, sizeof a);
	printf("%d %x\n", a[1], a[1]);
	long l;
	memset(&l, 0x80, sizeof l);
	printf("%lx\n", (unsigned long)l);
	char s[8];
	memset(s, 'z', 7);
	s[7] = 0;
	printf("%s\n", s);
	memset(s + 2, 0, 1);
	printf("%s %zu\n", s, strlen(s));
	printf("%d\n", memset(s, 'q', 0) == s);
	return 0;
}
