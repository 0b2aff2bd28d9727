/* The comma operator evaluates left to right and yields the right operand. */
#include <stdio.h>

int main(void)
{
	int a = (1, 2, 3);
	printf("%d\n", a);
	int i, j;
	for (i = 0, j = 10; i < j; i++, j--)
		;
	printf("%d %d\n", i, j);
	int x = 1;
	int y = (x += 5, x * 2);
	printf("%d %d\n", x, y);
	int k = 0;
	while (k++, k < 5)
		;
	printf("%d\n", k);
	printf("%d\n", (printf("side "), 42));
	int arr[3] = {0};
	arr[(0, 2)] = 9;
	printf("%d\n", arr[2]);
	return 0;
}
