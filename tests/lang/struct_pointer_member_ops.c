/* -> and . on nested structs through pointers, increments of members. */
#include <stdio.h>

struct inner { int hits; int arr[3]; };
struct outer { struct inner in; struct inner *pin; };

int main(void)
{
	struct inner shared = {0, {1, 2, 3}};
	struct outer o = {{10, {4, 5, 6}}, &shared};
	struct outer *po = &o;
	po->in.hits++;
	po->pin->hits += 5;
	++o.pin->arr[1];
	po->in.arr[2] *= 10;
	printf("%d %d %d %d\n", o.in.hits, shared.hits, shared.arr[1], o.in.arr[2]);
	int *p = &po->pin->arr[0];
	p[2] = 30;
	printf("%d\n", (*po).pin->arr[2]);
	printf("%d\n", (&o)->in.arr[0]);
	return 0;
}
