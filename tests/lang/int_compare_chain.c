/* a < b < c parses as (a < b) < c: a 0/1 int compared with c. */
#include <stdio.h>

int main(void)
{
	int a = 5, b = 3, c = 2;
	printf("%d\n", a > b > c);
	printf("%d\n", c < b < a);
	printf("%d\n", a == a == 1);
	printf("%d\n", (a > b) + (b > c) + (c > a));
	printf("%d\n", a != b != c);
	return 0;
}
