/* Compound literals at file scope have static storage and can initialize pointers. */
#include <stdio.h>

struct point { int x, y; };
struct point *origin = &(struct point){0, 0};
int *evens = (int[]){0, 2, 4, 6};
struct line { struct point *a, *b; } l = {&(struct point){1, 1}, &(struct point){4, 5}};

int main(void)
{
	printf("%d %d\n", origin->x, origin->y);
	origin->x = 3;
	printf("%d\n", origin->x);
	printf("%d %d\n", evens[1], evens[3]);
	printf("%d %d %d %d\n", l.a->x, l.a->y, l.b->x, l.b->y);
	return 0;
}
