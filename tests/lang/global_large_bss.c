/* Large zero-initialized globals (4 MiB of .bss) and a large initialized one. */
#include <stdio.h>

static int zeros[1 << 20];
static unsigned char bytes[1 << 16] = {1, 2, 3, [65535] = 255};

int main(void)
{
	long s = 0;
	for (int i = 0; i < (1 << 20); i += 4096)
		s += zeros[i];
	printf("%ld\n", s);
	zeros[(1 << 20) - 1] = 42;
	printf("%d\n", zeros[(1 << 20) - 1]);
	printf("%d %d %d %d\n", bytes[0], bytes[2], bytes[3], bytes[65535]);
	printf("%zu\n", sizeof zeros);
	return 0;
}
