/* Functions returning function pointers, with and without typedefs. */
#include <stdio.h>

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int negate(int x) { return -x; }

int (*pick(char c))(int)
{
	switch (c) {
	case 't': return twice;
	case 's': return square;
	default: return negate;
	}
}

typedef int (*unary)(int);
unary compose_first(unary a, unary b, int which) { return which ? b : a; }

int main(void)
{
	const char *cs = "tsx";
	for (int i = 0; cs[i]; i++)
		printf("%c(7) = %d\n", cs[i], pick(cs[i])(7));
	printf("%d\n", compose_first(twice, square, 1)(5));
	unary chain[] = {twice, square, negate, twice};
	int v = 3;
	for (int i = 0; i < 4; i++)
		v = chain[i](v);
	printf("%d\n", v);
	return 0;
}
