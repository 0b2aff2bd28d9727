/* qsort of strings (an array of char *: the comparator gets pointers to the pointers,
 * so it wraps strcmp) and of structs by a key with a tie-breaker (a total order, so the
 * result does not depend on the sort's stability). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct city {
	char name[16];
	int population;   /* thousands */
	double area;
};

static int by_population_then_name(const void *a, const void *b)
{
	const struct city *x = a, *y = b;
	if (x->population != y->population)
		return x->population < y->population ? 1 : -1;   /* largest first */
	return strcmp(x->name, y->name);
}

static int by_area(const void *a, const void *b)
{
	double x = ((const struct city *)a)->area, y = ((const struct city *)b)->area;
	return (x > y) - (x < y);
}

int main(void)
{
	const char *words[] = {"pear", "apple", "fig", "banana", "apricot", "cherry", "date", "Zebra", "apple pie"};
	size_t n = sizeof words / sizeof words[0];
	qsort(words, n, sizeof words[0], by_string);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", words[i]);
	printf("\n");

	struct city c[] = {
		{"Lyon", 522, 47.87}, {"Paris", 2161, 105.4}, {"Nice", 342, 71.92},
		{"Nantes", 320, 65.19}, {"Lille", 236, 34.51}, {"Brest", 139, 49.51},
		{"Metz", 116, 41.94}, {"Dijon", 156, 40.41}, {"Tours", 136, 34.36}, {"Caen", 105, 25.7},
		{"Arles", 52, 758.93}, {"Niort", 59, 68.2}, {"Vichy", 25, 5.85}, {"Amiens", 133, 49.46}, {"Alpha", 52, 1.0},
	};
	size_t m = sizeof c / sizeof c[0];
	qsort(c, m, sizeof c[0], by_population_then_name);
	for (size_t i = 0; i < m; i++)
		printf("%-7s %5d\n", c[i].name, c[i].population);
	qsort(c, m, sizeof c[0], by_area);
	printf("smallest %s (%.2f), largest %s (%.2f)\n", c[0].name, c[0].area, c[m - 1].name, c[m - 1].area);
	return 0;
}
