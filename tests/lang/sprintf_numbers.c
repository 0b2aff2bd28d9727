/* sprintf into a buffer, then parsing it back with strtol/atoi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char buf[64];
	int n = sprintf(buf, "%d %x %o %ld", -123, 255, 8, 1234567890123l);
	printf("%d [%s]\n", n, buf);
	char *end;
	long a = strtol(buf, &end, 10);
	long b = strtol(end, &end, 16);
	long c = strtol(end, &end, 8);
	long d = strtol(end, &end, 10);
	printf("%ld %ld %ld %ld [%s]\n", a, b, c, d, end);
	sprintf(buf, "%c%c%c", 'o', 'k', '!');
	printf("%s %zu\n", buf, strlen(buf));
	sprintf(buf, "%.2f%%", 99.555);
	printf("%s\n", buf);
	return 0;
}
