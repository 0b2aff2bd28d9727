// ticker — prints N lines, a little apart, the last one without its newline: in a
// pipeline its stdout is a pipe, and exit() flushes the unfinished line into it.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3;

	for (int i = 1; i <= n; i++) {
		printf("tick %d%s", i, i < n ? "\n" : "");
		usleep(1000);
	}
	return 0;
}
