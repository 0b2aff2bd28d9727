/* GNU case ranges (case lo ... hi:), as kernel code uses them. */
#include <stdio.h>

static const char *classify(int c)
{
	switch (c) {
	case '0' ... '9': return "digit";
	case 'a' ... 'z':
	case 'A' ... 'Z': return "letter";
	case 0 ... 31: return "control";
	default: return "other";
	}
}

int main(void)
{
	const char *s = "a1Z\t ~";
	for (int i = 0; s[i]; i++)
		printf("%d %s\n", s[i], classify(s[i]));
	for (int n = -2; n <= 12; n += 3) {
		switch (n) {
		case -5 ... -1: printf("%d negative\n", n); break;
		case 0 ... 5: printf("%d small\n", n); break;
		default: printf("%d big\n", n);
		}
	}
	return 0;
}
