// Builds strings piece by piece with snprintf, N pieces in all; every ~4000 bytes the
// string is measured and started again: builtin calls and byte copies. bench/run.sh
// divides the run's time by N, read from the #define below.
#include <stdio.h>
#include <string.h>

#define N 1000000

static char buf[4096];

int main(void)
{
	int len = 0;
	long total = 0;
	long i;

	for (i = 0; i < N; i++) {
		len += snprintf(buf + len, sizeof(buf) - len, "%d,", (int)(i % 100));
		if (len > 4000) {
			total += strlen(buf);
			len = 0;
			buf[0] = 0;
		}
	}
	printf("%ld\n", total + len);
	return 0;
}
