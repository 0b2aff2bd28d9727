/* const lookup tables at file scope: 2-D arrays, strings, and structs. */
#include <stdio.h>

static const unsigned char sbox[4][4] = {
	{0x63, 0x7c, 0x77, 0x7b},
	{0xca, 0x82, 0xc9, 0x7d},
	{0xb7, 0xfd, 0x93, 0x26},
	{0x04, 0xc7, 0x23, 0xc3},
};
static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const struct { char sym; int prec; } ops[] = {{'+', 1}, {'-', 1}, {'*', 2}, {'/', 2}, {'^', 3}};

int main(void)
{
	unsigned x = 0;
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++)
			x = x * 31 + sbox[i][j];
	printf("%u %02x\n", x, sbox[2][1]);
	for (int i = 0; i < 7; i += 3)
		printf("%s ", days[i]);
	printf("\n");
	for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
		printf("%c%d ", ops[i].sym, ops[i].prec);
	printf("\n");
	return 0;
}
