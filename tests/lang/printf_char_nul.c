/* %c with a NUL byte writes a NUL; printf's count includes it. */
#include <stdio.h>

int main(void)
{
	int n = printf("a%cb\n", 0);
	printf("%d\n", n);
	n = printf("%c%c%c\n", 'x', 0, 'y');
	printf("%d\n", n);
	putchar(0);
	putchar('\n');
	return 0;
}
