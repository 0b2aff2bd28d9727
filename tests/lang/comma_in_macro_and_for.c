/* Commas inside parentheses do not split macro arguments. */
#include <stdio.h>

#define FIRST(a, b) (a)
#define CALL2(f, x) f x

static int add(int a, int b) { return a + b; }

int main(void)
{
	printf("%d\n", FIRST((1, 2), 3));
	printf("%d\n", CALL2(add, (4, 5)));
	int i, j, s = 0;
	for (i = 0, j = 10; i < j; i += 2, j -= 1)
		s += i * j;
	printf("%d %d %d\n", i, j, s);
	return 0;
}
