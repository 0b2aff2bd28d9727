/* Bit-field packing as gcc does on x86-64: fields share storage units. */
#include <stdio.h>
#include <string.h>

struct p1 { unsigned char a : 4, b : 4; };
struct p2 { unsigned int a : 31; unsigned int b : 2; };
struct p3 { char c; unsigned int x : 8; };
struct p4 { unsigned short a : 5; unsigned short b : 5; unsigned short c : 6; };
struct p5 { int a : 3; int : 0; int b : 3; };
struct p6 { unsigned long v : 40; unsigned long w : 30; };

int main(void)
{
	printf("%zu %zu %zu %zu %zu %zu\n", sizeof(struct p1), sizeof(struct p2), sizeof(struct p3),
	       sizeof(struct p4), sizeof(struct p5), sizeof(struct p6));
	struct p1 x = {.a = 0x3, .b = 0xa};
	unsigned char byte;
	memcpy(&byte, &x, 1);
	printf("%02x\n", byte);
	struct p4 y = {1, 2, 3};
	unsigned short half;
	memcpy(&half, &y, 2);
	printf("%04x\n", half);
	struct p6 z = {0};
	z.v = 0xffffffffffull;
	z.w = 5;
	printf("%lx %lx\n", (unsigned long)z.v, (unsigned long)z.w);
	return 0;
}
