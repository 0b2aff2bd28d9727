/* switch with default in the middle: it is jumped to only when no case matches,
 * and falls through into the cases after it. */
#include <stdio.h>

int main(void)
{
	for (int i = 0; i < 5; i++) {
		int r = 0;
		switch (i) {
		case 1:
			r += 1;
			break;
		default:
			r += 10;
		case 3:
			r += 100;
			break;
		case 4:
			r += 1000;
		}
		printf("%d -> %d\n", i, r);
	}
	switch (7) {
	default:
		printf("only default\n");
	}
	switch (2) {
	}
	printf("empty switch ok\n");
	return 0;
}
