/* Tables of function pointers, indexed dispatch, passing functions as arguments. */
#include <stdio.h>

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int divi(int a, int b) { return b ? a / b : 0; }

typedef int (*binop)(int, int);

int fold(const int *v, int n, binop op, int init)
{
	for (int i = 0; i < n; i++)
		init = op(init, v[i]);
	return init;
}

int main(void)
{
	binop ops[] = {add, sub, mul, divi};
	const char *names = "+-*/";
	for (int i = 0; i < 4; i++)
		printf("20 %c 6 = %d\n", names[i], ops[i](20, 6));
	int v[] = {1, 2, 3, 4, 5};
	printf("%d %d\n", fold(v, 5, add, 0), fold(v, 5, mul, 1));
	int (*p)(int, int) = &sub;
	printf("%d %d\n", (*p)(3, 10), p(3, 10));
	printf("%d\n", ops[2] == mul);
	printf("%d\n", ops[0] != ops[1]);
	return 0;
}
