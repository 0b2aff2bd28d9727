/* puts adds a newline; fputs and fputc to stdout do not; putchar returns its char. */
#include <stdio.h>

int main(void)
{
	puts("puts line");
	puts("");
	fputs("fputs no newline", stdout);
	fputc('|', stdout);
	fputc('\n', stdout);
	for (char c = 'a'; c <= 'e'; c++)
		putchar(c);
	putchar('\n');
	int r = putchar(200);
	printf("\n%d\n", r);
	fprintf(stdout, "fprintf %d %s\n", 7, "stdout");
	fflush(stdout);
	printf("after fflush\n");
	return 0;
}
