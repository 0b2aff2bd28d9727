/* __attribute__((packed)) removes padding; aligned(N) raises alignment. */
#include <stdio.h>
#include <stddef.h>

struct plain { char c; int i; short s; };
struct __attribute__((packed)) tight { char c; int i; short s; };
struct wide { char c; } __attribute__((aligned(16)));
struct holder { char c; struct wide w; };
struct mixed { char c; int i __attribute__((aligned(8))); };

int main(void)
{
	printf("%zu %zu\n", sizeof(struct plain), sizeof(struct tight));
	printf("%zu %zu\n", offsetof(struct tight, i), offsetof(struct tight, s));
	printf("%zu %zu\n", sizeof(struct wide), _Alignof(struct wide));
	printf("%zu %zu\n", sizeof(struct holder), offsetof(struct holder, w));
	printf("%zu %zu\n", sizeof(struct mixed), offsetof(struct mixed, i));
	struct tight t = {'x', 0x01020304, 7};
	t.i += 1;
	printf("%c %x %d\n", t.c, t.i, t.s);
	return 0;
}
