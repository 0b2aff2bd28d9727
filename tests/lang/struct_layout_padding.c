/* struct layout: members aligned to their size, the struct to its largest member. */
#include <stdio.h>
#include <stddef.h>

struct a { char c; int i; };
struct b { char c; double d; char e; };
struct c { char x, y, z; };
struct d { short s; char c; };
struct e { int i; char c; long l; short s; };
struct f { char c; struct a inner; char tail; };
struct g { long l; char c; };

int main(void)
{
	printf("%zu %zu\n", sizeof(struct a), offsetof(struct a, i));
	printf("%zu %zu %zu\n", sizeof(struct b), offsetof(struct b, d), offsetof(struct b, e));
	printf("%zu\n", sizeof(struct c));
	printf("%zu %zu\n", sizeof(struct d), offsetof(struct d, c));
	printf("%zu %zu %zu %zu\n", sizeof(struct e), offsetof(struct e, c), offsetof(struct e, l), offsetof(struct e, s));
	printf("%zu %zu %zu\n", sizeof(struct f), offsetof(struct f, inner), offsetof(struct f, tail));
	printf("%zu\n", sizeof(struct g));
	struct g arr[3];
	printf("%zu\n", sizeof arr);
	printf("%d\n", (int)((char *)&arr[2] - (char *)&arr[0]));
	return 0;
}
