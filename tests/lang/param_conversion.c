/* Arguments are converted to the parameter types of a prototype. */
#include <stdio.h>

void show_char(char c) { printf("%d\n", c); }
void show_uchar(unsigned char c) { printf("%d\n", c); }
void show_short(short s) { printf("%d\n", s); }
void show_float(float f) { printf("%.9f\n", f); }
void show_double(double d) { printf("%.3f\n", d); }
void show_long(long l) { printf("%ld\n", l); }
void show_unsigned(unsigned u) { printf("%u\n", u); }
void show_bool(_Bool b) { printf("%d\n", b); }

int main(void)
{
	show_char(300);
	show_uchar(-1);
	show_short(-70000);
	show_float(0.1);
	show_double(7);
	show_long(-1);
	show_long(4000000000u);
	show_unsigned(-2);
	show_bool(42);
	show_bool(0.0);
	int i = 65;
	show_double(i / 2);
	show_double(i / 2.0);
	return 0;
}
