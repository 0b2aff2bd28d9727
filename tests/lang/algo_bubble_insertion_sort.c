/* Bubble sort and insertion sort on int arrays; a comparison counter. */
#include <stdio.h>

static int comparisons;

static void bubble(int *a, int n)
{
	for (int i = 0; i < n - 1; i++)
		for (int j = 0; j < n - 1 - i; j++) {
			comparisons++;
			if (a[j] > a[j + 1]) {
				int t = a[j];
				a[j] = a[j + 1];
				a[j + 1] = t;
			}
		}
}

static void insertion(int *a, int n)
{
	for (int i = 1; i < n; i++) {
		int key = a[i], j = i - 1;
		while (j >= 0 && (comparisons++, a[j] > key)) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = key;
	}
}

static void show(const int *a, int n)
{
	for (int i = 0; i < n; i++)
		printf("%d ", a[i]);
	printf("\n");
}

int main(void)
{
	int a[] = {5, -2, 9, 0, 9, 3, -7, 1};
	int b[] = {5, -2, 9, 0, 9, 3, -7, 1};
	bubble(a, 8);
	show(a, 8);
	printf("%d comparisons\n", comparisons);
	comparisons = 0;
	insertion(b, 8);
	show(b, 8);
	printf("%d comparisons\n", comparisons);
	return 0;
}
