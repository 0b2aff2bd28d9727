/* 16.16 fixed-point arithmetic with integer shifts, compared with doubles. */
#include <stdio.h>

typedef int fix16;
#define FIX(x) ((fix16)((x) * 65536.0))
static fix16 fmul(fix16 a, fix16 b) { return (fix16)(((long)a * b) >> 16); }
static fix16 fdiv(fix16 a, fix16 b) { return (fix16)(((long)a << 16) / b); }
static double tod(fix16 a) { return a / 65536.0; }

int main(void)
{
	fix16 a = FIX(3.25), b = FIX(-1.5);
	printf("%.5f %.5f %.5f %.5f\n", tod(a + b), tod(a - b), tod(fmul(a, b)), tod(fdiv(a, b)));
	fix16 acc = FIX(1);
	for (int i = 0; i < 10; i++)
		acc = fmul(acc, FIX(1.1));
	printf("%.5f\n", tod(acc));
	return 0;
}
