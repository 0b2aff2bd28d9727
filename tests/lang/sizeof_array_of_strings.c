/* sizeof of arrays of string pointers versus 2-D char arrays holding the same text. */
#include <stdio.h>

static const char *ptrs[] = {"a", "bb", "ccc"};
static const char arrs[][4] = {"a", "bb", "ccc"};

int main(void)
{
	printf("%zu %zu\n", sizeof ptrs, sizeof arrs);
	printf("%zu %zu\n", sizeof ptrs[2], sizeof arrs[2]);
	printf("%zu %zu\n", sizeof ptrs / sizeof *ptrs, sizeof arrs / sizeof *arrs);
	printf("%s %s\n", ptrs[1], arrs[1]);
	return 0;
}
