/* float and double struct members: layout, copies, arithmetic, pass/return by value. */
#include <stdio.h>

struct v2 { float x, y; };
struct body { char name[8]; double mass; struct v2 pos, vel; };

static struct v2 add(struct v2 a, struct v2 b) { return (struct v2){a.x + b.x, a.y + b.y}; }
static struct v2 scale(struct v2 a, float k) { a.x *= k; a.y *= k; return a; }

int main(void)
{
	struct body b = {"probe", 721.9, {0, 0}, {1.5f, -0.25f}};
	for (int step = 0; step < 4; step++)
		b.pos = add(b.pos, scale(b.vel, 0.5f));
	printf("%s %.2f (%.3f, %.3f)\n", b.name, b.mass, b.pos.x, b.pos.y);
	printf("%zu %zu\n", sizeof(struct v2), sizeof(struct body));
	struct body c = b;
	c.mass /= 3;
	printf("%.6f %.6f\n", b.mass, c.mass);
	float total = 0;
	struct v2 pts[3] = {{1, 2}, {3, 4}, {5, 6}};
	for (int i = 0; i < 3; i++)
		total += pts[i].x * pts[i].y;
	printf("%.1f\n", total);
	return 0;
}
