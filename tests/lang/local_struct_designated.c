/* Local (automatic) structs and arrays with designated initializers: the rest is zero. */
#include <stdio.h>

struct opts { int verbose; int depth; const char *out; double scale; char mode[4]; };

int main(void)
{
	for (int round = 0; round < 2; round++) {
		struct opts o = {.depth = 3 + round, .mode = "rw"};
		printf("%d %d %s %.1f %s\n", o.verbose, o.depth, o.out ? o.out : "(none)", o.scale, o.mode);
		o.verbose = 99;
		o.scale = 1.5;
	}
	int grid[3][3] = {[1][1] = 5, [2] = {7, 8}};
	for (int i = 0; i < 3; i++)
		printf("%d %d %d\n", grid[i][0], grid[i][1], grid[i][2]);
	struct opts arr[2] = {[1].out = "second", [0] = {.verbose = 1}};
	printf("%d %s %s\n", arr[0].verbose, arr[0].out ? "x" : "null", arr[1].out);
	int n = 4;
	struct opts dyn = {.depth = n * 2, .scale = n / 8.0};
	printf("%d %.3f\n", dyn.depth, dyn.scale);
	return 0;
}
