/* A macro does not expand inside its own expansion (C11 6.10.3.4p2). */
#include <stdio.h>

int x = 5;
int f(int v) { return v + 100; }
#define x (x + 1)
#define f(a) f(a * 2)
#define A B
#define B A

int main(void)
{
	printf("%d\n", x);
	printf("%d\n", f(1));
	int A = 7;
	printf("%d\n", A);   /* A -> B -> A, which is not expanded again */
	return 0;
}
