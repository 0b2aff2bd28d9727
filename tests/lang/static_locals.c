/* static locals keep their value between calls and are initialized once. */
#include <stdio.h>

int counter(void)
{
	static int n;
	return ++n;
}

int fib_next(void)
{
	static int a = 0, b = 1;
	int r = a;
	int t = a + b;
	a = b;
	b = t;
	return r;
}

const char *name_of(int i)
{
	static const char *names[] = {"first", "second", "third"};
	return names[i % 3];
}

int *cell(void)
{
	static int storage[4] = {1, 2, 3, 4};
	return storage;
}

int main(void)
{
	for (int i = 0; i < 3; i++)
		printf("%d ", counter());
	printf("\n");
	for (int i = 0; i < 10; i++)
		printf("%d ", fib_next());
	printf("\n%s %s\n", name_of(1), name_of(5));
	cell()[2] = 30;
	printf("%d %d\n", cell()[2], cell()[3]);
	return 0;
}
