/* EXIT_SUCCESS and EXIT_FAILURE, and a status computed at run time. */
#include <stdio.h>
#include <stdlib.h>

static int check(const int *v, int n)
{
	for (int i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return EXIT_FAILURE;
	return EXIT_SUCCESS;
}

int main(void)
{
	int sorted[] = {1, 2, 3, 5};
	int unsorted[] = {1, 3, 2};
	printf("%d %d\n", check(sorted, 4), check(unsorted, 3));
	return check(unsorted, 3) + 6;
}
