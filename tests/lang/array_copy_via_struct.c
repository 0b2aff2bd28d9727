/* Arrays cannot be assigned, but arrays wrapped in structs can. */
#include <stdio.h>

struct wrap { int v[5]; };

static struct wrap reversed(struct wrap w)
{
	for (int i = 0; i < 2; i++) {
		int t = w.v[i];
		w.v[i] = w.v[4 - i];
		w.v[4 - i] = t;
	}
	return w;
}

int main(void)
{
	struct wrap a = {{1, 2, 3, 4, 5}};
	struct wrap b = reversed(a);
	a = b;
	b.v[0] = 0;
	for (int i = 0; i < 5; i++)
		printf("%d%d ", a.v[i], b.v[i]);
	printf("\n");
	return 0;
}
