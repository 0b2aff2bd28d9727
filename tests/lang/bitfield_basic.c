/* Bit-fields: widths, wrap-around of unsigned fields, sign of signed fields. */
#include <stdio.h>

struct flags {
	unsigned int a : 1;
	unsigned int b : 3;
	unsigned int c : 4;
	int s : 4;
	unsigned int rest : 24;
};

int main(void)
{
	struct flags f = {0};
	f.a = 1;
	f.b = 9;          /* 9 mod 8 = 1 */
	f.c = 15;
	f.s = 7;
	f.rest = 0xabcdef;
	printf("%u %u %u %d %x\n", f.a, f.b, f.c, f.s, f.rest);
	f.s = -8;
	printf("%d\n", f.s);
	f.c++;
	printf("%u\n", f.c);
	f.b += 6;
	printf("%u\n", f.b);
	printf("%zu\n", sizeof(struct flags));
	f.a = 0;
	printf("%d\n", f.a ? 1 : 2);
	return 0;
}
