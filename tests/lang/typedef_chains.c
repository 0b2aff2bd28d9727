/* typedefs of basic types, pointers, arrays, structs and function types. */
#include <stdio.h>

typedef unsigned char byte;
typedef byte *byte_ptr;
typedef int vec3[3];
typedef struct node { int v; struct node *next; } node_t;
typedef int (*cmp_fn)(int, int);
typedef cmp_fn cmp_table[2];

static int lt(int a, int b) { return a < b; }
static int gt(int a, int b) { return a > b; }

int main(void)
{
	byte b = 255;
	b++;
	printf("%d %zu\n", b, sizeof(byte));
	byte buf[4] = {1, 2, 3, 4};
	byte_ptr p = buf + 1;
	printf("%d\n", *p);
	vec3 v = {1, 2, 3};
	printf("%zu %d\n", sizeof(vec3), v[2]);
	node_t n2 = {2, NULL}, n1 = {1, &n2};
	printf("%d %d\n", n1.v, n1.next->v);
	cmp_table t = {lt, gt};
	printf("%d %d\n", t[0](1, 2), t[1](1, 2));
	typedef long long ll;
	ll big = 1ll << 40;
	printf("%lld\n", big);
	return 0;
}
