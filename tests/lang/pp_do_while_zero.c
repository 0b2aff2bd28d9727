/* Multi-statement macros wrapped in do { } while (0) behave as one statement. */
#include <stdio.h>

#define SWAP(a, b) do { int _t = (a); (a) = (b); (b) = _t; } while (0)
#define LOG_TWICE(msg) do { printf("%s\n", msg); printf("%s\n", msg); } while (0)
#define CHECK(cond, label) do { if (!(cond)) { printf("check failed: %s\n", #cond); goto label; } } while (0)

int main(void)
{
	int x = 1, y = 2;
	if (x < y)
		SWAP(x, y);
	else
		LOG_TWICE("not reached");
	printf("%d %d\n", x, y);
	LOG_TWICE("twice");
	CHECK(x > y, fail);
	CHECK(x < y, fail);
	printf("not reached\n");
	return 0;
fail:
	printf("failed path\n");
	return 1;
}
