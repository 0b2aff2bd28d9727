/* Function pointers in structs: a small "operations" table like file_operations. */
#include <stdio.h>

struct shape_ops {
	const char *name;
	double (*area)(double);
	double (*perimeter)(double);
};

static double sq_area(double s) { return s * s; }
static double sq_perim(double s) { return 4 * s; }
static double tri_area(double s) { return s * s * 0.4330127018922193; }
static double tri_perim(double s) { return 3 * s; }

static const struct shape_ops shapes[] = {
	{.name = "square", .area = sq_area, .perimeter = sq_perim},
	{.name = "triangle", .area = tri_area, .perimeter = tri_perim},
	{.name = "none"},
};

int main(void)
{
	for (int i = 0; i < 3; i++) {
		const struct shape_ops *ops = &shapes[i];
		if (!ops->area) {
			printf("%s: no ops\n", ops->name);
			continue;
		}
		printf("%s: %.3f %.3f\n", ops->name, ops->area(2.0), (*ops->perimeter)(2.0));
	}
	return 0;
}
