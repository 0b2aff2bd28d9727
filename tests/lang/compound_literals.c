/* Compound literals: unnamed objects of struct, array and scalar types. */
#include <stdio.h>

struct point { int x, y; };

int dist2(struct point a, struct point b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }
int sum(const int *v, int n) { int s = 0; while (n--) s += v[n]; return s; }

int main(void)
{
	printf("%d\n", dist2((struct point){0, 0}, (struct point){3, 4}));
	printf("%d\n", sum((int[]){1, 2, 3, 4}, 4));
	struct point *p = &(struct point){.y = 5};
	p->x = 2;
	printf("%d %d\n", p->x, p->y);
	int *ip = (int[3]){7};
	printf("%d %d %d\n", ip[0], ip[1], ip[2]);
	struct point q;
	q = (struct point){9, 8};
	printf("%d %d\n", q.x, q.y);
	const char *s = (const char[]){'o', 'k', 0};
	printf("%s\n", s);
	int x = (int){41} + 1;
	printf("%d\n", x);
	for (int i = 0; i < 2; i++) {
		int *fresh = (int[2]){i, i * 10};
		printf("%d %d\n", fresh[0], fresh[1]);
	}
	return 0;
}
