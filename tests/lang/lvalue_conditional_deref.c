/* Assignments through pointers chosen at run time, and chained assignment. */
#include <stdio.h>

struct pt { int x, y; };

int main(void)
{
	int a = 1, b = 2;
	for (int i = 0; i < 4; i++)
		*(i % 2 ? &a : &b) += 10;
	printf("%d %d\n", a, b);
	int x, y, z;
	x = y = z = 7;
	printf("%d %d %d\n", x, y, z);
	struct pt p, q, r = {3, 4};
	p = q = r;
	q.x = 0;
	printf("%d %d %d %d\n", p.x, p.y, q.x, q.y);
	int arr[5] = {0};
	int *w = arr;
	*w++ = 1;
	*w++ = 2;
	w[1] = 9;
	printf("%d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);
	char c;
	int n = (c = 'A') + 1;
	printf("%c %d\n", c, n);
	long l;
	double d = l = 5;
	printf("%.1f %ld\n", d, l);
	return 0;
}
