/* for loops with empty clauses, comma expressions, and multiple variables. */
#include <stdio.h>

int main(void)
{
	int i = 0;
	for (;;) {
		if (i >= 3)
			break;
		printf("i=%d\n", i++);
	}
	for (int a = 0, b = 10; a < b; a += 3, b -= 2)
		printf("a=%d b=%d\n", a, b);
	int sum = 0;
	for (int x = 1; x <= 100; sum += x, x++)
		;
	printf("%d\n", sum);
	int j;
	for (j = 10; j--;)
		;
	printf("%d\n", j);
	unsigned u;
	for (u = 3; u < 10; u--)
		printf("u=%u ", u);
	printf("\n");
	char s[] = "reverse";
	for (int l = 0, r = sizeof s - 2; l < r; l++, r--) {
		char t = s[l];
		s[l] = s[r];
		s[r] = t;
	}
	printf("%s\n", s);
	return 0;
}
