/* Struct assignment copies every member, nested structs and arrays included. */
#include <stdio.h>

struct point { int x, y; };
struct rect { struct point tl, br; char name[8]; };

int main(void)
{
	struct rect a = {{1, 2}, {3, 4}, "first"};
	struct rect b = a;
	b.tl.x = 100;
	b.name[0] = 'F';
	printf("%d %d %d %d %s\n", a.tl.x, a.tl.y, a.br.x, a.br.y, a.name);
	printf("%d %d %d %d %s\n", b.tl.x, b.tl.y, b.br.x, b.br.y, b.name);
	struct point p = b.br;
	p.y = -1;
	printf("%d %d %d\n", p.x, p.y, b.br.y);
	a = b;
	printf("%d %s\n", a.tl.x, a.name);
	struct rect arr[2];
	arr[0] = a;
	arr[1] = arr[0];
	arr[1].br.x = 9;
	printf("%d %d\n", arr[0].br.x, arr[1].br.x);
	return 0;
}
