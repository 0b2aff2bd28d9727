/* Arithmetic on enum values: they are integers. */
#include <stdio.h>

enum dir { NORTH, EAST, SOUTH, WEST };

static enum dir turn_right(enum dir d) { return (d + 1) % 4; }
static enum dir opposite(enum dir d) { return (enum dir)((d + 2) & 3); }

int main(void)
{
	const char *n = "NESW";
	enum dir d = NORTH;
	for (int i = 0; i < 6; i++) {
		printf("%c", n[d]);
		d = turn_right(d);
	}
	printf("\n%c %c\n", n[opposite(EAST)], n[opposite(WEST)]);
	printf("%d %d\n", WEST - EAST, NORTH | SOUTH | WEST);
	return 0;
}
