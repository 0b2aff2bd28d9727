/* A pointer to a struct converts to a pointer to its first member and back, the
 * basis of the kernel's container_of pattern (here with offsetof). */
#include <stdio.h>
#include <stddef.h>

struct list_head { struct list_head *next, *prev; };
struct item { int value; struct list_head link; char name[8]; };

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

struct base { int kind; };
struct derived { struct base b; double extra; };

int main(void)
{
	struct item items[3] = {{1, {0}, "one"}, {2, {0}, "two"}, {3, {0}, "three"}};
	for (int i = 0; i < 3; i++)
		items[i].link.next = &items[(i + 1) % 3].link;
	struct list_head *pos = &items[0].link;
	for (int n = 0; n < 4; n++) {
		struct item *it = container_of(pos, struct item, link);
		printf("%d %s\n", it->value, it->name);
		pos = pos->next;
	}
	struct derived d = {{7}, 2.5};
	struct base *bp = (struct base *)&d;
	printf("%d\n", bp->kind);
	struct derived *dp = (struct derived *)bp;
	printf("%.1f\n", dp->extra);
	return 0;
}
