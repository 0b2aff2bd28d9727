/* A large local array (256 KiB) on the stack, filled and summed. */
#include <stdio.h>

static long fill_and_sum(int seed)
{
	int big[65536];
	for (int i = 0; i < 65536; i++)
		big[i] = (i * seed) % 1000;
	long s = 0;
	for (int i = 0; i < 65536; i += 7)
		s += big[i];
	return s;
}

int main(void)
{
	printf("%ld\n", fill_and_sum(3));
	printf("%ld\n", fill_and_sum(17));
	return 0;
}
