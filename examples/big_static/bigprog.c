// 1 GiB of .bss in a program: its pages zero-fill when first touched, so the run costs
// host memory for the pages it writes (three), not for the array.
#include <stdio.h>

static char huge[1 << 30];

int main(void)
{
	huge[0] = 1;
	huge[sizeof(huge) / 2] = 2;
	huge[sizeof(huge) - 1] = 3;
	printf("bigprog: %d %d %d, untouched %d\n", huge[0], huge[sizeof(huge) / 2], huge[sizeof(huge) - 1],
	       huge[12345678]);
	return 0;
}
