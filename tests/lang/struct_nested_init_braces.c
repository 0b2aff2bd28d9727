/* Brace elision in nested struct/array initializers. */
#include <stdio.h>

struct p { int x, y; };
struct line { struct p a, b; };
struct grid { int cells[2][3]; };

int main(void)
{
	struct line l = {1, 2, 3, 4};
	printf("%d %d %d %d\n", l.a.x, l.a.y, l.b.x, l.b.y);
	struct grid g = {1, 2, 3, 4};
	printf("%d %d %d %d %d %d\n", g.cells[0][0], g.cells[0][2], g.cells[1][0], g.cells[1][1], g.cells[1][2], g.cells[0][1]);
	struct p ps[] = {1, 2, 3, 4, 5};
	printf("%zu %d %d\n", sizeof ps / sizeof ps[0], ps[2].x, ps[2].y);
	struct line ls[2] = {{{1, 1}}, {{2, 2}, {3}}};
	printf("%d %d %d %d\n", ls[0].b.x, ls[1].a.y, ls[1].b.x, ls[1].b.y);
	return 0;
}
