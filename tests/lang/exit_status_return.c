/* The exit status is main's return value modulo 256. */
#include <stdio.h>

int main(void)
{
	printf("returning 300\n");
	return 300;
}
