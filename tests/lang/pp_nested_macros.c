/* Nested and recursive-looking macro expansion, argument pre-expansion. */
#include <stdio.h>

#define SQ(x) ((x) * (x))
#define CUBE(x) (SQ(x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MAX3(a, b, c) MAX(MAX(a, b), c)
#define BAD_SQ(x) x * x
int foo = 10;
#define foo foo + 1
#define APPLY(f, x) f(x)
#define TWICE(x) (2 * (x))

int main(void)
{
	printf("%d\n", SQ(3 + 1));
	printf("%d\n", BAD_SQ(3 + 1));
	printf("%d\n", CUBE(2));
	printf("%d\n", MAX3(4, 9, 2));
	printf("%d\n", MAX(SQ(2), CUBE(2)));
	printf("%d\n", foo);
	printf("%d\n", APPLY(TWICE, 21));
	printf("%d\n", APPLY(SQ, APPLY(TWICE, 3)));
	return 0;
}
