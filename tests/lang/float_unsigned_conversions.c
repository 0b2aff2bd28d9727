/* Conversions between unsigned 64-bit integers and doubles near 2^63 and 2^64. */
#include <stdio.h>

int main(void)
{
	unsigned long u = 0x8000000000000000ul;
	double d = u;
	printf("%.1f\n", d);
	unsigned long v = 18446744073709549568ul;   /* largest double below 2^64 */
	printf("%.1f\n", (double)v);
	double big = 1.5e19;
	printf("%lu\n", (unsigned long)big);
	double two63 = 9223372036854775808.0;
	printf("%lu\n", (unsigned long)two63);
	printf("%lu\n", (unsigned long)(two63 + 4096.0));
	unsigned int ui = 4294967295u;
	printf("%.1f\n", (double)ui);
	float f = ui;
	printf("%.1f\n", f);
	printf("%u\n", (unsigned)4294967040.0f);
	unsigned long odd = 0xffffffffffffffffu;
	float fo = odd;
	printf("%.1f\n", fo);
	long neg = -9223372036854775807l - 1;
	printf("%.1f\n", (double)neg);
	return 0;
}
