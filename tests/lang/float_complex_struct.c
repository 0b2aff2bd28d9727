/* Complex numbers as a struct of doubles: multiplication and powers of i. */
#include <stdio.h>

struct cpx { double re, im; };
static struct cpx cmul(struct cpx a, struct cpx b) { return (struct cpx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

int main(void)
{
	struct cpx i = {0, 1}, p = {1, 0};
	for (int k = 0; k < 5; k++) {
		printf("i^%d = %g%+gi\n", k, p.re, p.im);
		p = cmul(p, i);
	}
	struct cpx z = {1, 1}, w = z;
	for (int k = 0; k < 7; k++)
		w = cmul(w, z);
	printf("(1+i)^8 = %g%+gi\n", w.re, w.im);
	return 0;
}
