/* Reading a union through a different member: byte order of integers and
 * the IEEE encoding of doubles (gcc documents this as allowed). */
#include <stdio.h>

union u64 { unsigned long v; unsigned char b[8]; unsigned short h[4]; double d; };

int main(void)
{
	union u64 x;
	x.v = 0x0102030405060708ul;
	for (int i = 0; i < 8; i++)
		printf("%02x", x.b[i]);
	printf("\n%04x %04x\n", x.h[0], x.h[3]);
	x.d = 1.0;
	printf("%016lx\n", x.v);
	x.d = -0.0;
	printf("%016lx\n", x.v);
	x.v = 0x7ff0000000000000ul;
	printf("%f\n", x.d);
	return 0;
}
