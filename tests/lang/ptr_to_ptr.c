/* Pointers to pointers: modify the caller's pointer, arrays of strings. */
#include <stdio.h>

void advance(const char **pp, int n) { *pp += n; }

void set_to_max(int **slot, int *candidates, int n)
{
	*slot = &candidates[0];
	for (int i = 1; i < n; i++)
		if (candidates[i] > **slot)
			*slot = &candidates[i];
}

int main(void)
{
	const char *s = "hello world";
	advance(&s, 6);
	printf("%s\n", s);
	int vals[] = {4, 9, 2, 7};
	int *best;
	set_to_max(&best, vals, 4);
	printf("%d %td\n", *best, best - vals);
	**&best = 100;
	printf("%d\n", vals[1]);
	const char *names[] = {"ann", "bob", "cy"};
	const char **np = names;
	printf("%s %c\n", *(np + 1), **(np + 2));
	printf("%c\n", np[0][2]);
	int x = 5;
	int *px = &x;
	int **ppx = &px;
	int ***pppx = &ppx;
	***pppx = 6;
	printf("%d\n", x);
	return 0;
}
