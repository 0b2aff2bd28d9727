/* memmove handles overlap in both directions; memcpy of non-overlapping ranges. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char a[] = "0123456789";
	memmove(a + 3, a, 5);
	printf("%s\n", a);
	char b[] = "0123456789";
	memmove(b, b + 3, 5);
	printf("%s\n", b);
	int src[5] = {1, 2, 3, 4, 5}, dst[5] = {0};
	memcpy(dst + 1, src, 3 * sizeof(int));
	for (int i = 0; i < 5; i++)
		printf("%d", dst[i]);
	printf("\n");
	struct { char c; int i; } x = {'x', 7}, y;
	memcpy(&y, &x, sizeof x);
	printf("%c %d\n", y.c, y.i);
	return 0;
}
