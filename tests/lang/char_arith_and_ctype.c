/* Character arithmetic: case conversion and digit values by hand. */
#include <stdio.h>

static int my_isdigit(int c) { return c >= '0' && c <= '9'; }
static int my_upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

int main(void)
{
	const char *s = "Hello, World 2024!";
	int digits = 0, value = 0;
	for (const char *p = s; *p; p++) {
		putchar(my_upper(*p));
		if (my_isdigit(*p)) {
			digits++;
			value = value * 10 + (*p - '0');
		}
	}
	printf("\n%d %d\n", digits, value);
	char c = 'a';
	c += 'Z' - 'z';
	printf("%c\n", c);
	printf("%d\n", '9' - '0');
	printf("%c\n", "0123456789abcdef"[0xb]);
	return 0;
}
