/* FizzBuzz three ways: if chains, a switch on i % 15, and a lookup table. */
#include <stdio.h>

int main(void)
{
	for (int i = 1; i <= 15; i++) {
		if (i % 15 == 0) printf("FizzBuzz ");
		else if (i % 3 == 0) printf("Fizz ");
		else if (i % 5 == 0) printf("Buzz ");
		else printf("%d ", i);
	}
	printf("\n");
	for (int i = 1; i <= 15; i++) {
		switch (i % 15) {
		case 0: printf("FB "); break;
		case 3: case 6: case 9: case 12: printf("F "); break;
		case 5: case 10: printf("B "); break;
		default: printf("%d ", i);
		}
	}
	printf("\n");
	static const char *const t[] = {"%d ", "Fizz ", "Buzz ", "FizzBuzz "};
	for (int i = 1; i <= 15; i++)
		printf(t[(i % 3 == 0) + 2 * (i % 5 == 0)], i);
	printf("\n");
	return 0;
}
