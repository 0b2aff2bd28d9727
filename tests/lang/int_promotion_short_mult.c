/* unsigned short operands promote to (signed) int: 300 * 300 fits, and the
 * product of two unsigned shorts compares as int. */
#include <stdio.h>

int main(void)
{
	unsigned short a = 300, b = 300;
	int p = a * b;
	printf("%d\n", p);
	unsigned short c = 2, d = 3;
	printf("%d\n", c - d);           /* int: -1 */
	printf("%d\n", c - d < 0);
	printf("%u\n", (unsigned short)(c - d));
	short s = -1;
	unsigned short us = s;
	printf("%d %d\n", s == us, (unsigned short)s == us);
	return 0;
}
