/* Negative indices through a pointer into the middle of an array. */
#include <stdio.h>

int main(void)
{
	int a[7] = {10, 11, 12, 13, 14, 15, 16};
	int *mid = &a[3];
	printf("%d %d %d\n", mid[-3], mid[-1], mid[3]);
	printf("%d\n", *(mid - 2));
	int i = -2;
	printf("%d\n", mid[i]);
	long li = -1;
	printf("%d\n", mid[li]);
	char s[] = "abcdef";
	char *end = s + 6;
	for (int k = -1; k >= -6; k--)
		putchar(end[k]);
	putchar('\n');
	unsigned u = 2;
	printf("%d\n", mid[-(int)u]);
	return 0;
}
