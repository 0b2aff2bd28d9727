// Builds strings piece by piece with snprintf: N pieces in all (N from argv[1]); every
// ~4000 bytes the string is measured and started again.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : 20000000L;
	static char buf[4096];
	int len = 0;
	long total = 0;

	for (long i = 0; i < limit; i++) {
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
