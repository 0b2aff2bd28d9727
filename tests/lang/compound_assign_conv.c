/* Compound assignment converts the result back to the left operand's type. */
#include <stdio.h>

int main(void)
{
	int i = 10;
	i += 2.7;                 /* 12.7 -> 12 */
	printf("%d\n", i);
	i *= 1.5;                 /* 18 */
	printf("%d\n", i);
	i /= 0.5;                 /* 36 */
	printf("%d\n", i);
	char c = 100;
	c += 100;                 /* 200 -> -56 */
	printf("%d\n", c);
	unsigned char uc = 10;
	uc -= 20;
	printf("%d\n", uc);
	unsigned u = 10;
	u *= -1;
	printf("%u\n", u);
	short s = 1000;
	s *= 100;                 /* 100000 -> -31072 */
	printf("%d\n", s);
	long l = 1;
	l <<= 40;
	printf("%ld\n", l);
	int m = -7;
	m %= 3;
	printf("%d\n", m);
	m = 0xf0;
	m &= 0x3c;
	m |= 1;
	m ^= 0xff;
	printf("%d\n", m);
	double d = 1;
	d /= 3;
	printf("%.6f\n", d);
	float f = 0.1f;
	f += 0.2;
	printf("%.9f\n", f);
	return 0;
}
