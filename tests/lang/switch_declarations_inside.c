/* Declarations and nested blocks inside switch bodies, and a nested switch. */
#include <stdio.h>

static int eval(char op, int a, int b)
{
	switch (op) {
	case '+': {
		int r = a + b;
		return r;
	}
	case '*': {
		int r = a * b;
		return r;
	}
	case '?':
		switch (a) {
		case 0: return b;
		case 1: return -b;
		}
		return 0;
	}
	return -1;
}

int main(void)
{
	printf("%d %d %d %d %d %d\n", eval('+', 2, 3), eval('*', 4, 5), eval('?', 0, 9), eval('?', 1, 9), eval('?', 2, 9), eval('/', 1, 1));
	for (int i = 0; i < 3; i++) {
		switch (i) {
			int hidden;
		case 0:
			hidden = 10;
			printf("zero %d\n", hidden);
			break;
		case 1:
			hidden = 20;
			printf("one %d\n", hidden);
			break;
		default:
			printf("other\n");
		}
	}
	return 0;
}
