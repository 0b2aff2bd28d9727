// grow — mallocs and touches memory 1 MiB at a time, past what the machine has.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	long mib;

	for (mib = 1;; mib++) {
		char *p = malloc(1 << 20);
		long i;

		if (!p) {
			printf("grow: malloc failed at %ld MiB\n", mib);
			return 1;
		}
		for (i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;   // each first touch faults a page in
		if (mib % 8 == 0) {
			printf("grow: %ld MiB touched\n", mib);
			fflush(stdout);
		}
	}
}
