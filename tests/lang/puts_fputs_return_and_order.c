/* Mixed stdio calls keep their order on one stream. */
#include <stdio.h>

int main(void)
{
	printf("a");
	putchar('b');
	fputs("c", stdout);
	fputc('d', stdout);
	puts("e");
	printf("%s", "f\n");
	int r1 = fputs("", stdout);
	int r2 = fputc('\n', stdout);
	printf("%d %d\n", r1 >= 0, r2);
	return 0;
}
