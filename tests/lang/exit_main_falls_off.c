/* Falling off the end of main returns 0 (C99 5.1.2.2.3). */
#include <stdio.h>

int main(void)
{
	printf("no return statement\n");
}
