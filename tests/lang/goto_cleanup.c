/* goto-based error unwinding, the kernel's idiom. */
#include <stdio.h>
#include <stdlib.h>

static int steps;

static int setup(int fail_at)
{
	int err = 0;
	char *a, *b, *c;
	a = malloc(16);
	if (!a || fail_at == 1) { err = -1; goto out; }
	steps++;
	b = malloc(16);
	if (!b || fail_at == 2) { err = -2; goto free_a; }
	steps++;
	c = malloc(16);
	if (!c || fail_at == 3) { err = -3; goto free_b; }
	steps++;
	printf("all allocated\n");
	free(c);
free_b:
	printf("free b\n");
	free(b);
free_a:
	printf("free a\n");
	free(a);
out:
	return err;
}

int main(void)
{
	for (int i = 0; i <= 3; i++) {
		steps = 0;
		int r = setup(i == 0 ? 99 : i);
		printf("fail_at=%d -> %d after %d steps\n", i, r, steps);
	}
	return 0;
}
