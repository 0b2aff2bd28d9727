/* A fixed-size ring buffer with power-of-two masking and unsigned index wrap. */
#include <stdio.h>

#define SIZE 8
struct ring { int data[SIZE]; unsigned head, tail; };

static int push(struct ring *r, int v)
{
	if (r->head - r->tail == SIZE)
		return 0;
	r->data[r->head++ & (SIZE - 1)] = v;
	return 1;
}

static int pop(struct ring *r, int *v)
{
	if (r->head == r->tail)
		return 0;
	*v = r->data[r->tail++ & (SIZE - 1)];
	return 1;
}

int main(void)
{
	struct ring r = {.head = 4294967290u, .tail = 4294967290u};
	int pushed = 0, v;
	for (int i = 0; i < 12; i++)
		pushed += push(&r, i * i);
	printf("pushed %d\n", pushed);
	for (int i = 0; i < 3 && pop(&r, &v); i++)
		printf("%d ", v);
	printf("\n");
	for (int i = 100; i < 105; i++)
		push(&r, i);
	while (pop(&r, &v))
		printf("%d ", v);
	printf("\n%u %u\n", r.head, r.tail);
	return 0;
}
