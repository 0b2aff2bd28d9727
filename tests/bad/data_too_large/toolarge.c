#include <stdio.h>

static char fine[16];
static char big[1ull << 40];

int main(void)
{
	big[0] = fine[0];
	return 0;
}
