/* Binary search: iterative and recursive, found and not found, bounds. */
#include <stdio.h>

static int bsearch_i(const int *a, int n, int key)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (a[mid] == key)
			return mid;
		if (a[mid] < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -(lo + 1);
}

static int bsearch_r(const int *a, int lo, int hi, int key)
{
	if (lo > hi)
		return -1;
	int mid = (lo + hi) / 2;
	return a[mid] == key ? mid : a[mid] < key ? bsearch_r(a, mid + 1, hi, key) : bsearch_r(a, lo, mid - 1, key);
}

int main(void)
{
	int a[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
	int keys[] = {2, 29, 13, 1, 30, 12};
	for (int i = 0; i < 6; i++)
		printf("%d: %d %d\n", keys[i], bsearch_i(a, 10, keys[i]), bsearch_r(a, 0, 9, keys[i]));
	return 0;
}
