/* GNU designated ranges [lo ... hi] = v in array initializers. */
#include <stdio.h>

static int table[10] = {[0 ... 4] = 1, [5 ... 9] = 2, [7] = 9};

int main(void)
{
	for (int i = 0; i < 10; i++)
		printf("%d ", table[i]);
	printf("\n");
	char map[8] = {[2 ... 5] = 'x'};
	for (int i = 0; i < 8; i++)
		printf("%d ", map[i]);
	printf("\n");
	return 0;
}
