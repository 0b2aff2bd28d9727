/* The conditional operator: nesting, types of the result, lvalue-free use. */
#include <stdio.h>

const char *sign(int x) { return x < 0 ? "neg" : x == 0 ? "zero" : "pos"; }

int main(void)
{
	printf("%s %s %s\n", sign(-4), sign(0), sign(9));
	int a = 3, b = 7;
	int max = a > b ? a : b;
	printf("%d\n", max);
	printf("%f\n", a > b ? 1 : 2.5);      /* result type is double */
	printf("%zu\n", sizeof(a ? 'x' : 1L));
	unsigned u = 1;
	int n = -1;
	printf("%d\n", (1 ? n : u) > 0);      /* converted to unsigned */
	int *p = a ? &a : NULL;
	printf("%d\n", *p);
	int c = 0;
	(a < b ? c += 10 : (c -= 10));
	printf("%d\n", c);
	for (int i = 0; i < 4; i++)
		printf("%c", i & 1 ? 'o' : 'e');
	printf("\n");
	return 0;
}
