/* switch: fall-through between cases, break, and cases sharing a body. */
#include <stdio.h>

const char *kind(int c)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
		return "vowel";
	case ' ':
		return "space";
	default:
		return "other";
	}
}

int main(void)
{
	for (int i = 0; i < 6; i++) {
		printf("%d:", i);
		switch (i) {
		case 0:
			printf(" zero");
		case 1:
			printf(" one");
			break;
		case 2:
			printf(" two");
		case 3:
			printf(" three");
		case 4:
			printf(" four");
			break;
		}
		printf("\n");
	}
	const char *s = "hi you";
	for (int i = 0; s[i]; i++)
		printf("%c=%s\n", s[i], kind(s[i]));
	return 0;
}
