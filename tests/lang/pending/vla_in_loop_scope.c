/* A VLA is freed at the end of its block each iteration; typedef of a VLA type. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	long total = 0;
	for (int round = 1; round <= 100; round++) {
		char buf[round * 100];
		memset(buf, round & 0x7f, sizeof buf);
		total += buf[sizeof buf - 1] + (long)sizeof buf;
	}
	printf("%ld\n", total);
	int k = 5;
	typedef int row_t[k];
	row_t r;
	k = 100;
	printf("%zu\n", sizeof r / sizeof r[0]);
	return 0;
}
