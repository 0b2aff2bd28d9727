/* Global structs with designated, nested and partial initializers. */
#include <stdio.h>

struct point { int x, y; };
struct config {
	const char *name;
	int level;
	struct point origin;
	int weights[4];
	struct { char tag; short code; } meta;
};

struct config defaults = {
	.name = "default",
	.origin = {.y = 9},
	.weights = {[3] = 4, [1] = 2},
	.meta.code = 77,
};
struct config positional = {"pos", 3, {1, 2}, {5, 6, 7, 8}, {'p', 1}};
struct config partial = {"partial"};
struct point points[3] = {[1] = {.x = 10}, [2].y = 20};

static void show(const struct config *c)
{
	printf("%s %d (%d,%d) [%d %d %d %d] %c%d\n", c->name, c->level, c->origin.x, c->origin.y,
	       c->weights[0], c->weights[1], c->weights[2], c->weights[3],
	       c->meta.tag ? c->meta.tag : '-', c->meta.code);
}

int main(void)
{
	show(&defaults);
	show(&positional);
	show(&partial);
	for (int i = 0; i < 3; i++)
		printf("(%d,%d) ", points[i].x, points[i].y);
	printf("\n");
	return 0;
}
