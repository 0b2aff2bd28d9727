/* qsort of ints ascending and descending, with duplicates and negatives; the comparator
 * returns (a > b) - (a < b) rather than a - b, which overflows for INT_MIN. glibc's qsort
 * is a merge sort, and any correct sort of a total order gives this output. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static int ascending(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int descending(const void *a, const void *b)
{
	return ascending(b, a);
}

static void show(const char *what, const int *v, size_t n)
{
	printf("%s:", what);
	for (size_t i = 0; i < n; i++)
		printf(" %d", v[i]);
	printf("\n");
}

int main(void)
{
	int v[] = {42, -7, 0, 19, INT_MAX, 3, -7, INT_MIN, 100, 3, 8, -1};
	size_t n = sizeof v / sizeof v[0];
	qsort(v, n, sizeof v[0], ascending);
	show("up", v, n);
	qsort(v, n, sizeof v[0], descending);
	show("down", v, n);
	qsort(v, 0, sizeof v[0], ascending);   /* nothing to do */
	qsort(v + 3, 4, sizeof v[0], ascending);
	show("part", v, n);

	/* 2000 ints: 8000 bytes, which glibc sorts in a malloc'd buffer. */
	static int big[2000];
	for (int i = 0; i < 2000; i++)
		big[i] = (i * 7919) % 2003 - 1000;
	qsort(big, 2000, sizeof big[0], ascending);
	long sum = 0;
	int ordered = 1;
	for (int i = 0; i < 2000; i++) {
		sum += (long)big[i] * (i + 1);
		if (i && big[i - 1] > big[i])
			ordered = 0;
	}
	printf("big: ordered %d, first %d, last %d, weighted sum %ld\n", ordered, big[0], big[1999], sum);
	return 0;
}
