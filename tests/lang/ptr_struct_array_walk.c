/* Walking an array of structs by pointer, with the end pointer one past the last. */
#include <stdio.h>

struct reading { int sensor; double value; };

int main(void)
{
	struct reading r[] = {{1, 20.5}, {2, 19.0}, {1, 21.5}, {3, 18.25}, {2, 19.5}};
	const struct reading *end = r + sizeof r / sizeof r[0];
	double sum[4] = {0};
	int n[4] = {0};
	for (const struct reading *p = r; p != end; ++p) {
		sum[p->sensor] += p->value;
		n[p->sensor]++;
	}
	for (int s = 1; s <= 3; s++)
		printf("sensor %d: %.3f over %d\n", s, sum[s] / n[s], n[s]);
	printf("%td\n", end - r);
	return 0;
}
