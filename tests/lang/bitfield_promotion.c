/* Bit-field promotion: an unsigned field narrower than int promotes to int, so
 * s.a - 5 is negative; a 32-bit unsigned field stays unsigned int. */
#include <stdio.h>

struct s { unsigned a : 3; unsigned b : 32; unsigned long c : 40; int d : 1; };

int main(void)
{
	struct s v = {2, 2, 2, 0};
	printf("%d\n", v.a - 5 < 0);
	printf("%d\n", v.b - 5 < 0);
	printf("%d\n", v.c - 5 < 0);
	printf("%zu %zu\n", sizeof(v.a + 0), sizeof(v.c + 0));
	v.d = -1;
	printf("%d\n", v.d);
	v.d = 1;                      /* does not fit: gcc stores -1 */
	printf("%d\n", v.d);
	v.a = 7;
	v.a += 2;
	printf("%u\n", v.a);
	unsigned x = v.a << 29;
	printf("%u\n", x);
	printf("%d\n", -v.a);
	return 0;
}
