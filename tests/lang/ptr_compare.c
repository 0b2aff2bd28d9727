/* Pointer comparisons inside one array, and equality with NULL. */
#include <stdio.h>

int main(void)
{
	char buf[16];
	char *lo = buf, *hi = buf + 15, *mid = buf + 8;
	printf("%d %d %d\n", lo < hi, hi < lo, mid <= mid);
	printf("%d %d\n", mid > lo && mid < hi, lo == buf);
	char *np = NULL;
	printf("%d %d\n", np == 0, !np);
	int *ip = 0;
	printf("%d\n", ip == NULL);
	int count = 0;
	for (char *p = hi; p >= lo + 4; p--)
		count++;
	printf("%d\n", count);
	const char *s = "abc";
	const char *end = s;
	while (*end)
		end++;
	printf("%td\n", end - s);
	printf("%d\n", (void *)buf == (void *)&buf[0]);
	printf("%d\n", (void *)&buf == (void *)buf);
	return 0;
}
