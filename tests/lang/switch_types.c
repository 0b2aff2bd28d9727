/* switch on char, long, unsigned and enum values; negative and large case labels. */
#include <stdio.h>

enum color { RED, GREEN = 5, BLUE };

int main(void)
{
	long vals[] = {-1, 0, 4294967296l, 9223372036854775807l};
	for (int i = 0; i < 4; i++) {
		switch (vals[i]) {
		case -1: printf("minus one\n"); break;
		case 0: printf("zero\n"); break;
		case 4294967296l: printf("2^32\n"); break;
		case 9223372036854775807l: printf("max\n"); break;
		}
	}
	unsigned u = 4000000000u;
	switch (u) {
	case 4000000000u: printf("big unsigned\n"); break;
	default: printf("wrong\n");
	}
	for (enum color c = RED; c <= BLUE; c++) {
		switch (c) {
		case RED: printf("red\n"); break;
		case GREEN: printf("green\n"); break;
		case BLUE: printf("blue\n"); break;
		default: printf("(%d)\n", c);
		}
	}
	char ch = -3;
	switch (ch) {
	case -3: printf("char -3\n"); break;
	case 253: printf("wrong 253\n"); break;
	}
	return 0;
}
