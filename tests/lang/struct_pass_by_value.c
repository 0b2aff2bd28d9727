/* Structs are passed by value: the callee works on a copy. */
#include <stdio.h>

struct vec { int v[4]; long tag; };

void scribble(struct vec s)
{
	s.v[0] = -1;
	s.tag = 99;
	printf("in callee: %d %ld\n", s.v[0], s.tag);
}

long sum(struct vec s)
{
	long t = s.tag;
	for (int i = 0; i < 4; i++)
		t += s.v[i];
	return t;
}

int main(void)
{
	struct vec a = {{1, 2, 3, 4}, 10};
	scribble(a);
	printf("in caller: %d %ld\n", a.v[0], a.tag);
	printf("%ld\n", sum(a));
	return 0;
}
