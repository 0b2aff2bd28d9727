/* bsearch over a sorted array: every element is found at its own index, keys between,
 * below and above the elements are not (NULL); also over structs with a key compared
 * against a bare int key (the comparator's first argument is always the key). */
#include <stdio.h>
#include <stdlib.h>

static int cmp_int(const void *key, const void *elem)
{
	int k = *(const int *)key, e = *(const int *)elem;
	return (k > e) - (k < e);
}

struct entry {
	int code;
	const char *name;
};

static int cmp_code(const void *key, const void *elem)
{
	return *(const int *)key - ((const struct entry *)elem)->code;
}

int main(void)
{
	static const int sorted[] = {-40, -3, 0, 1, 8, 27, 64, 125, 216, 343, 512};
	size_t n = sizeof sorted / sizeof sorted[0];
	for (int key = -41; key <= 513; key++) {
		const int *p = bsearch(&key, sorted, n, sizeof sorted[0], cmp_int);
		if (p)
			printf("%d at %td\n", key, p - sorted);
	}
	int missing[] = {-41, -4, 2, 100, 513};
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
		printf("%d: %s\n", missing[i], bsearch(&missing[i], sorted, n, sizeof sorted[0], cmp_int) ? "found" : "not found");
	printf("empty: %s\n", bsearch(&missing[0], sorted, 0, sizeof sorted[0], cmp_int) ? "found" : "not found");

	static const struct entry table[] = {
		{200, "OK"}, {301, "Moved Permanently"}, {404, "Not Found"}, {418, "I'm a teapot"}, {500, "Internal Server Error"},
	};
	int codes[] = {404, 200, 500, 302, 418, 999};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		const struct entry *e = bsearch(&codes[i], table, 5, sizeof table[0], cmp_code);
		printf("%d %s\n", codes[i], e ? e->name : "(unknown)");
	}
	return 0;
}
