/* The conditional operator applies the usual arithmetic conversions to its
 * second and third operands. */
#include <stdio.h>

int main(void)
{
	int c = 1;
	char ch = -1;
	unsigned u = 1;
	printf("%u\n", c ? ch : u);              /* -1 converted to unsigned */
	printf("%ld\n", c ? -1 : 2l);
	printf("%zu %zu %zu\n", sizeof(c ? ch : ch), sizeof(c ? 1 : 2.0f), sizeof(c ? (short)1 : (char)2));
	long r = c ? (unsigned)-1 : 0l;
	printf("%ld\n", r);
	printf("%f\n", c ? 1 : 0.5);
	return 0;
}
