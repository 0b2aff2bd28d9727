/* sizeof of arrays of structs, unions of arrays and nested aggregates. */
#include <stdio.h>

struct a { char c; };
struct b { short s; char c; };
struct c { int i[3]; char tag; };
union d { char c[3]; short s; };
struct e { union d u; struct b b; double x; };

int main(void)
{
	printf("%zu %zu %zu %zu %zu\n", sizeof(struct a), sizeof(struct b), sizeof(struct c), sizeof(union d), sizeof(struct e));
	printf("%zu %zu\n", sizeof(struct a[7]), sizeof(struct b[3]));
	printf("%zu %zu\n", sizeof(union d[5]), sizeof(struct c[2][2]));
	struct e arr[4];
	printf("%zu %zu\n", sizeof arr, sizeof arr[0].u.c);
	return 0;
}
