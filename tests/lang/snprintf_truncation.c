/* snprintf returns the length it would have written and always terminates. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char buf[8];
	int n = snprintf(buf, sizeof buf, "%s", "abcdefghijkl");
	printf("%d [%s] %zu\n", n, buf, strlen(buf));
	n = snprintf(buf, sizeof buf, "%d", 1234567);
	printf("%d [%s]\n", n, buf);
	n = snprintf(buf, sizeof buf, "%d", 12345678);
	printf("%d [%s]\n", n, buf);
	memset(buf, 'x', sizeof buf);
	n = snprintf(buf, 1, "abc");
	printf("%d [%s]\n", n, buf);
	n = snprintf(NULL, 0, "%d-%d", 100, 2000);
	printf("%d\n", n);
	memset(buf, 'x', sizeof buf);
	n = snprintf(buf, 0, "abc");
	printf("%d %c\n", n, buf[0]);
	char big[64];
	n = sprintf(big, "%s=%05.1f", "pi", 3.14159);
	printf("%d [%s]\n", n, big);
	n = snprintf(big, sizeof big, "%s%s%s", "a", "bb", "ccc");
	printf("%d [%s]\n", n, big);
	return 0;
}
