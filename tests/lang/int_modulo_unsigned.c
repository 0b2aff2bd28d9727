/* Modulo with unsigned operands, and mixed signed/unsigned (the signed one converts). */
#include <stdio.h>

int main(void)
{
	unsigned a = 17, b = 5;
	printf("%u %u\n", a % b, b % a);
	int n = -17;
	printf("%u\n", n % b);             /* n becomes 4294967279 */
	printf("%d\n", n % (int)b);
	unsigned long big = 18446744073709551615ul;
	printf("%lu %lu\n", big % 10, big % 1000000007);
	printf("%u\n", 0u % 7);
	return 0;
}
