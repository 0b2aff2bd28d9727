/* Complicated declarators: pointers to functions returning pointers, arrays of
 * function pointers, pointers to arrays, and a signal()-like prototype. */
#include <stdio.h>

static int store[3] = {5, 6, 7};
static int *at(int i) { return &store[i]; }
static char *hello(void) { return "hello"; }
static char *world(void) { return "world"; }
static void handler(int n) { printf("handler %d\n", n); }
static void (*install(int n, void (*h)(int)))(int) { h(n); return h; }

int main(void)
{
	int *(*fp)(int) = at;
	printf("%d\n", *fp(2));
	char *(*arr[2])(void) = {hello, world};
	printf("%s %s\n", arr[0](), arr[1]());
	int (*pa)[3] = &store;
	printf("%d %zu\n", (*pa)[1], sizeof *pa);
	void (*h)(int) = install(4, handler);
	h(5);
	printf("%zu %zu\n", sizeof(int (*)[10]), sizeof(int *[10]));
	int *(*(*pp))(int) = &fp;
	printf("%d\n", *(*pp)(0));
	return 0;
}
