/* Counting down with unsigned indices: the i-- > 0 idiom avoids wrap-around. */
#include <stdio.h>

int main(void)
{
	unsigned n = 5;
	for (unsigned i = n; i-- > 0;)
		printf("%u ", i);
	printf("\n");
	size_t len = 4;
	const char *s = "abcd";
	while (len--)
		putchar(s[len]);
	printf("\n%zu\n", len);
	unsigned k = 3;
	int iterations = 0;
	for (; k != (unsigned)-1; k--)
		iterations++;
	printf("%d\n", iterations);
	return 0;
}
