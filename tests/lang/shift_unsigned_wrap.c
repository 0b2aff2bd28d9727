/* Shifts of unsigned values: bits shifted out are lost. */
#include <stdio.h>

int main(void)
{
	unsigned int u = 0xdeadbeefu;
	printf("%x\n", u << 4);
	printf("%x\n", u >> 4);
	printf("%x\n", u << 0);
	printf("%x\n", u >> 31);
	printf("%x\n", u << 31);
	printf("%x\n", 1u << 31);
	unsigned long ul = 0xdeadbeefcafef00dul;
	printf("%lx\n", ul << 8);
	printf("%lx\n", ul >> 60);
	printf("%lx\n", 1ul << 63);
	unsigned char c = 0x81;
	printf("%x\n", c << 1);      /* promoted: 0x102 */
	printf("%x\n", (unsigned char)(c << 1));
	unsigned short s = 0x8001;
	printf("%x\n", s << 1);
	for (int i = 0; i < 32; i += 7)
		printf("%u ", 0xffffffffu >> i);
	printf("\n");
	return 0;
}
