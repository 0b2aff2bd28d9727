/* printf field widths, precisions and flags for integers and strings. */
#include <stdio.h>

int main(void)
{
	printf("[%5d]\n", 42);
	printf("[%-5d]\n", 42);
	printf("[%05d]\n", 42);
	printf("[%05d]\n", -42);
	printf("[%.4d]\n", 42);
	printf("[%8.4d]\n", -42);
	printf("[%-8.4d]\n", 42);
	printf("[%+d] [%+d]\n", 5, -5);
	printf("[% d] [% d]\n", 5, -5);
	printf("[%+5d]\n", 0);
	printf("[%.0d]\n", 0);
	printf("[%5.0d]\n", 0);
	printf("[%10s]\n", "right");
	printf("[%-10s]\n", "left");
	printf("[%.3s]\n", "truncate");
	printf("[%8.3s]\n", "truncate");
	printf("[%-8.3s|]\n", "truncate");
	printf("[%.10s]\n", "short");
	printf("[%3s]\n", "toolong");
	printf("[%c%c%c]\n", 'a', 'b', 'c');
	printf("[%3c] [%-3c]\n", 'x', 'y');
	return 0;
}
