/* exit(n) with n > 255 keeps only the low 8 bits: 1000 & 0xff = 232. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("exit(1000)\n");
	exit(1000);
}
