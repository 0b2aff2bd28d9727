/* Recursive quicksort (Lomuto partition) on a pseudo-random array from an LCG. */
#include <stdio.h>

static unsigned int seed = 12345;
static int next(void) { seed = seed * 1103515245u + 12345u; return (int)((seed >> 16) & 0x7fff) - 16384; }

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static void quicksort(int *a, int lo, int hi)
{
	if (lo >= hi)
		return;
	int pivot = a[hi], i = lo;
	for (int j = lo; j < hi; j++)
		if (a[j] < pivot)
			swap(&a[i++], &a[j]);
	swap(&a[i], &a[hi]);
	quicksort(a, lo, i - 1);
	quicksort(a, i + 1, hi);
}

int main(void)
{
	int a[200];
	for (int i = 0; i < 200; i++)
		a[i] = next();
	quicksort(a, 0, 199);
	int ok = 1;
	for (int i = 1; i < 200; i++)
		ok &= a[i - 1] <= a[i];
	printf("sorted: %d\n", ok);
	printf("%d %d %d %d\n", a[0], a[1], a[100], a[199]);
	return 0;
}
