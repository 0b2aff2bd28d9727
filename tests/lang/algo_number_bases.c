/* Converting numbers to any base by hand, and parsing them back with strtol. */
#include <stdio.h>
#include <stdlib.h>

static char *to_base(unsigned long v, int base, char *buf)
{
	char tmp[72];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
		v /= base;
	} while (v);
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = 0;
	return buf;
}

int main(void)
{
	char buf[72];
	unsigned long vals[] = {0, 255, 1000, 4294967295ul, 18446744073709551615ul};
	int bases[] = {2, 8, 16, 36};
	for (int i = 0; i < 5; i++) {
		for (int b = 0; b < 4; b++)
			printf("%s ", to_base(vals[i], bases[b], buf));
		printf("\n");
	}
	printf("%ld\n", strtol(to_base(123456, 7, buf), NULL, 7));
	return 0;
}
