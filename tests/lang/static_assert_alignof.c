/* _Static_assert, _Alignof and offsetof in constant expressions. */
#include <stdio.h>
#include <stddef.h>

struct s { char c; double d; int i; };
_Static_assert(sizeof(int) == 4, "int is 32 bits");
_Static_assert(offsetof(struct s, d) == 8, "double aligned to 8");

int main(void)
{
	_Static_assert(sizeof(struct s) == 24, "padded");
	printf("%zu %zu %zu %zu\n", _Alignof(char), _Alignof(short), _Alignof(double), _Alignof(struct s));
	printf("%zu %zu\n", _Alignof(long long), _Alignof(int *));
	printf("%zu %zu\n", __alignof__(int), __alignof__(struct s));
	int arr[offsetof(struct s, i)];
	printf("%zu\n", sizeof arr / sizeof arr[0]);
	return 0;
}
