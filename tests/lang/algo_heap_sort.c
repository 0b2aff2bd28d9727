/* Heap sort with an explicit sift-down, on longs. */
#include <stdio.h>

static void sift(long *a, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && a[l] > a[m])
			m = l;
		if (r < n && a[r] > a[m])
			m = r;
		if (m == i)
			return;
		long t = a[i]; a[i] = a[m]; a[m] = t;
		i = m;
	}
}

int main(void)
{
	long a[] = {9000000000l, -3, 42, 7, 7, -8000000000l, 0, 15, 1, 99};
	int n = sizeof a / sizeof a[0];
	for (int i = n / 2 - 1; i >= 0; i--)
		sift(a, n, i);
	for (int end = n - 1; end > 0; end--) {
		long t = a[0]; a[0] = a[end]; a[end] = t;
		sift(a, end, 0);
	}
	for (int i = 0; i < n; i++)
		printf("%ld ", a[i]);
	printf("\n");
	return 0;
}
