/* sizeof applied to expressions: not evaluated, type of the expression. */
#include <stdio.h>

int counter;
int bump(void) { return ++counter; }

int main(void)
{
	int arr[10];
	int *p = arr;
	char s[] = "hello";
	printf("%zu\n", sizeof arr);
	printf("%zu\n", sizeof arr / sizeof arr[0]);
	printf("%zu\n", sizeof p);
	printf("%zu\n", sizeof *p);
	printf("%zu\n", sizeof s);
	printf("%zu\n", sizeof "hello");
	printf("%zu\n", sizeof(bump()));
	printf("counter %d\n", counter);
	int i = 0;
	printf("%zu %d\n", sizeof(i++), i);
	printf("%zu\n", sizeof(arr[0] + 1L));
	printf("%zu\n", sizeof(char) * 3);
	printf("%zu\n", sizeof(&arr));
	printf("%zu\n", sizeof(*&arr));
	printf("%zu\n", sizeof(int[3][4]));
	double m[2][5];
	printf("%zu %zu\n", sizeof m[1], sizeof m[1][2]);
	return 0;
}
