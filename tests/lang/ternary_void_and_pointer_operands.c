/* Conditional operands of void type and of pointer types (with NULL). */
#include <stdio.h>

static void yes(void) { printf("yes\n"); }
static void no(void) { printf("no\n"); }

int main(void)
{
	for (int i = 0; i < 2; i++)
		i ? yes() : no();
	int v = 3;
	int *p = v > 2 ? &v : NULL;
	const char *s = p ? "non-null" : 0;
	printf("%s %d\n", s, *p);
	void (*f)(void) = v ? yes : no;
	f();
	return 0;
}
