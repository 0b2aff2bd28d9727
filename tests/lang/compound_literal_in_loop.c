/* A compound literal in a loop body is a new object each iteration (initialized anew). */
#include <stdio.h>

struct acc { int n; int total; };

int main(void)
{
	int sum = 0;
	for (int i = 1; i <= 3; i++) {
		struct acc *a = &(struct acc){0, 0};
		a->n = i;
		a->total += i * 10;
		sum += a->total;
		printf("%d %d\n", a->n, a->total);
	}
	printf("%d\n", sum);
	char *words[] = {(char[]){"ab"}, (char[]){"cd"}};
	words[1][0] = 'X';
	printf("%s %s\n", words[0], words[1]);
	return 0;
}
