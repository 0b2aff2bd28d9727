/* Top-down merge sort with a scratch buffer; stable on equal keys. */
#include <stdio.h>
#include <string.h>

struct rec { int key; char tag; };

static void merge_sort(struct rec *a, struct rec *tmp, int n)
{
	if (n < 2)
		return;
	int mid = n / 2;
	merge_sort(a, tmp, mid);
	merge_sort(a + mid, tmp, n - mid);
	int i = 0, j = mid, k = 0;
	while (i < mid && j < n)
		tmp[k++] = a[j].key < a[i].key ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

int main(void)
{
	struct rec r[] = {{3, 'a'}, {1, 'b'}, {3, 'c'}, {2, 'd'}, {1, 'e'}, {0, 'f'}, {3, 'g'}};
	struct rec tmp[7];
	merge_sort(r, tmp, 7);
	for (int i = 0; i < 7; i++)
		printf("%d%c ", r[i].key, r[i].tag);
	printf("\n");
	return 0;
}
