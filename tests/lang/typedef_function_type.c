/* typedefs of function types (not pointers) used to declare and point to functions. */
#include <stdio.h>

typedef int op_t(int, int);
static op_t add, mul;
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }

static int apply(op_t *f, int a, int b) { return f(a, b); }

int main(void)
{
	op_t *ops[] = {add, mul};
	printf("%d %d\n", apply(ops[0], 6, 7), apply(mul, 6, 7));
	printf("%zu\n", sizeof(op_t *));
	return 0;
}
