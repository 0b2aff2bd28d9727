/* Integer to Roman numerals and back: parallel tables, string building. */
#include <stdio.h>
#include <string.h>

static const int values[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
static const char *const symbols[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};

static void to_roman(int n, char *out)
{
	out[0] = 0;
	for (int i = 0; i < 13; i++)
		while (n >= values[i]) {
			strcat(out, symbols[i]);
			n -= values[i];
		}
}

static int from_roman(const char *s)
{
	int total = 0;
	for (int i = 0; i < 13; i++) {
		size_t len = strlen(symbols[i]);
		while (strncmp(s, symbols[i], len) == 0) {
			total += values[i];
			s += len;
		}
	}
	return total;
}

int main(void)
{
	int tests[] = {1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999};
	char buf[32];
	for (int i = 0; i < 10; i++) {
		to_roman(tests[i], buf);
		printf("%4d %-12s %d\n", tests[i], buf, from_roman(buf));
	}
	return 0;
}
