/* Plain char is signed on x86-64 (gcc's default). */
#include <stdio.h>

int main(void)
{
	char c = (char)0xff;
	printf("%d\n", c);
	printf("%d\n", c < 0);
	char d = (char)200;
	printf("%d\n", d);
	unsigned char u = (unsigned char)-1;
	printf("%d\n", u);
	signed char s = (signed char)0x80;
	printf("%d\n", s);
	char str[] = "\xe9t\xe9";
	int neg = 0;
	for (int i = 0; str[i]; i++)
		if (str[i] < 0)
			neg++;
	printf("%d\n", neg);
	printf("%d\n", (int)(char)300);
	printf("%d %d\n", '\377', (unsigned char)'\377');
	printf("%zu %zu %zu\n", sizeof(char), sizeof(signed char), sizeof('a'));
	return 0;
}
