/* Why macro bodies and arguments need parentheses. */
#include <stdio.h>

#define DOUBLE_BAD(x) x + x
#define DOUBLE_OK(x) ((x) + (x))
#define MUL_BAD(a, b) a * b
#define MUL_OK(a, b) ((a) * (b))
#define NEG(x) -x

int main(void)
{
	printf("%d %d\n", 3 * DOUBLE_BAD(2), 3 * DOUBLE_OK(2));
	printf("%d %d\n", MUL_BAD(1 + 2, 3 + 4), MUL_OK(1 + 2, 3 + 4));
	printf("%d\n", NEG(-1));
	printf("%d\n", 10 / DOUBLE_BAD(5));
	int i = 3;
	printf("%d\n", DOUBLE_OK(i++));
	printf("%d\n", i);
	return 0;
}
