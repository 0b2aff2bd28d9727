/* ~ and unary minus promote a char operand to int first. */
#include <stdio.h>

int main(void)
{
	unsigned char c = 0x0f;
	printf("%d\n", ~c);
	printf("%x\n", (unsigned char)~c);
	printf("%d\n", ~c == 0xf0);
	printf("%d\n", (unsigned char)~c == 0xf0);
	signed char s = 5;
	printf("%d %d\n", -s, ~s);
	printf("%zu %zu\n", sizeof(~c), sizeof(-s));
	return 0;
}
