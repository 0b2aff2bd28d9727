/* The type of a shift is the promoted left operand; the right operand's type
 * does not matter. */
#include <stdio.h>

int main(void)
{
	long one = 1;
	int n = 40;
	long long big = 62;
	printf("%ld\n", one << n);
	printf("%ld\n", one << big);
	printf("%d\n", 1 << (char)5);
	unsigned char uc = 1;
	printf("%d\n", uc << 20);
	printf("%zu %zu\n", sizeof(uc << 1), sizeof(1 << big));
	unsigned long mask = ~0ul >> (64 - 12);
	printf("%lx\n", mask);
	return 0;
}
