/* A retry loop with goto and a backoff value, and goto into the else of an if. */
#include <stdio.h>

static int attempts;
static int flaky(void) { return ++attempts >= 4 ? 0 : -11; }

int main(void)
{
	int delay = 1, err;
again:
	err = flaky();
	if (err == -11) {
		printf("try %d failed, backing off %d\n", attempts, delay);
		delay *= 2;
		goto again;
	}
	printf("succeeded after %d attempts\n", attempts);
	int x = 0;
	if (x)
		printf("x\n");
	else {
inside_else:
		x++;
		if (x < 3)
			goto inside_else;
	}
	printf("%d\n", x);
	return 0;
}
