/* Union initializers: the first member by default, or a designated one. */
#include <stdio.h>

union value { int i; float f; char s[8]; };
struct tagged { int kind; union value v; };

static struct tagged table[] = {
	{0, {42}},
	{1, {.f = 1.5f}},
	{2, {.s = "str"}},
};

int main(void)
{
	for (int i = 0; i < 3; i++) {
		switch (table[i].kind) {
		case 0: printf("int %d\n", table[i].v.i); break;
		case 1: printf("float %.2f\n", table[i].v.f); break;
		case 2: printf("string %s\n", table[i].v.s); break;
		}
	}
	union value u = {.s = {'a', 'b'}};
	printf("%c%c %d\n", u.s[0], u.s[1], u.s[2]);
	union value z = {0};
	printf("%d %d\n", z.i, z.s[7]);
	printf("%zu\n", sizeof(union value));
	return 0;
}
