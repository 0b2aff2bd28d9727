/* printf returns the number of characters written. */
#include <stdio.h>

int main(void)
{
	int n = printf("hello\n");
	printf("%d\n", n);
	n = printf("%d-%s\n", 12345, "xyz");
	printf("%d\n", n);
	n = printf("");
	printf("%d\n", n);
	n = printf("%10d|\n", 1);
	printf("%d\n", n);
	n = printf("%c", 'q');
	printf(" %d\n", n);
	n = puts("line");
	printf("%d\n", n >= 0);
	n = putchar('Z');
	printf(" %d\n", n);
	return 0;
}
