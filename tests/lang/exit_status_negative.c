/* A negative return from main becomes status & 0xff: -1 is 255. */
#include <stdio.h>

int main(void)
{
	printf("returning -1\n");
	return -1;
}
