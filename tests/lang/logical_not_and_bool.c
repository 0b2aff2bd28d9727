/* _Bool conversion: any nonzero value (including pointers and doubles) becomes 1. */
#include <stdio.h>
#include <stdbool.h>

int main(void)
{
	bool a = 5, b = 0, c = -1;
	printf("%d %d %d\n", a, b, c);
	bool d = 0.1;
	bool e = 0.0;
	printf("%d %d\n", d, e);
	int x = 3;
	bool f = &x;
	printf("%d\n", f);
	bool g = 256;
	printf("%d\n", g);
	printf("%d %d %d\n", !5, !0, !!7);
	printf("%zu\n", sizeof(bool));
	bool h = true;
	h += 5;
	printf("%d\n", h);
	printf("%d\n", true + true);
	bool flags[4] = {1, 0, 2, 0};
	int n = 0;
	for (int i = 0; i < 4; i++)
		n += flags[i];
	printf("%d\n", n);
	return 0;
}
