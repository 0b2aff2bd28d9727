/* An array parameter is a pointer: sizeof inside the callee is a pointer's size. */
#include <stdio.h>

static size_t inside(int arr[10]) { return sizeof arr; }
static size_t inside2(int arr[]) { return sizeof arr[0]; }
static void modify(int arr[3]) { arr[0] = 99; arr++; arr[0] = 98; }

int main(void)
{
	int a[10] = {0};
	printf("%zu %zu %zu\n", sizeof a, inside(a), inside2(a));
	modify(a);
	printf("%d %d\n", a[0], a[1]);
	int m[2][5];
	printf("%zu %zu\n", sizeof m[0], sizeof(&m[0]));
	return 0;
}
