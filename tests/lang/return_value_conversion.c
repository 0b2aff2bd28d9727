/* A return statement converts its value to the function's return type. */
#include <stdio.h>

unsigned char to_uchar(int v) { return v; }
signed char to_schar(int v) { return v; }
short to_short(long v) { return v; }
_Bool to_bool(int v) { return v; }
float to_float(double d) { return d; }
int to_int(double d) { return d; }
unsigned to_unsigned(int v) { return v; }
long to_long(unsigned v) { return v; }
double to_double(long v) { return v; }

int main(void)
{
	printf("%d %d %d\n", to_uchar(300), to_schar(200), to_short(100000));
	printf("%d %d\n", to_bool(256), to_bool(0));
	printf("%.10f\n", to_float(0.1));
	printf("%d %d\n", to_int(-2.9), to_int(2.9));
	printf("%u %ld\n", to_unsigned(-1), to_long(4000000000u));
	printf("%.1f\n", to_double(-123456789012l));
	return 0;
}
