/* A union is as large as its largest member, rounded to the strictest alignment. */
#include <stdio.h>

union u1 { char c; int i; };
union u2 { char buf[5]; int i; };
union u3 { double d; char c[9]; };
union u4 { struct { short a, b; } s; int whole; };

int main(void)
{
	printf("%zu %zu %zu %zu\n", sizeof(union u1), sizeof(union u2), sizeof(union u3), sizeof(union u4));
	union u1 x;
	x.i = 0x41424344;
	printf("%c\n", x.c);            /* little-endian: low byte */
	union u4 y;
	y.whole = 0x00020001;
	printf("%d %d\n", y.s.a, y.s.b);
	y.s.b = 7;
	printf("%x\n", y.whole);
	union { unsigned int u; float f; } pun;
	pun.f = 1.0f;
	printf("%x\n", pun.u);
	pun.u = 0x40490fdb;
	printf("%.5f\n", pun.f);
	union { unsigned long l; double d; } pd = {.d = -2.0};
	printf("%lx\n", pd.l);
	return 0;
}
