/* A comparator-driven insertion sort, like qsort, with several comparators. */
#include <stdio.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

static void sort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	char *b = base;
	char tmp[32];
	for (size_t i = 1; i < n; i++) {
		memcpy(tmp, b + i * size, size);
		size_t j = i;
		while (j > 0 && cmp(b + (j - 1) * size, tmp) > 0) {
			memcpy(b + j * size, b + (j - 1) * size, size);
			j--;
		}
		memcpy(b + j * size, tmp, size);
	}
}

static int by_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int by_int_desc(const void *a, const void *b) { return by_int(b, a); }
static int by_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

int main(void)
{
	int v[] = {5, 1, 4, 2, 3};
	sort(v, 5, sizeof v[0], by_int);
	for (int i = 0; i < 5; i++) printf("%d ", v[i]);
	sort(v, 5, sizeof v[0], by_int_desc);
	for (int i = 0; i < 5; i++) printf("%d ", v[i]);
	const char *w[] = {"pear", "apple", "fig", "banana"};
	sort(w, 4, sizeof w[0], by_str);
	for (int i = 0; i < 4; i++) printf("%s ", w[i]);
	printf("\n");
	return 0;
}
