/* Building a string piecewise with snprintf and the returned lengths. */
#include <stdio.h>

int main(void)
{
	char buf[64];
	size_t len = 0;
	for (int i = 1; i <= 5; i++)
		len += snprintf(buf + len, sizeof buf - len, "%s%d", i > 1 ? "," : "", i * i);
	printf("%s (%zu)\n", buf, len);
	char small[10];
	int want = snprintf(small, sizeof small, "%s-%05d-%x", "id", 42, 0xbeef);
	printf("%s %d\n", small, want);
	char num[32];
	snprintf(num, sizeof num, "%+.3e", -12345.678);
	printf("%s\n", num);
	snprintf(num, sizeof num, "%-8s|%8s|", "ab", "cd");
	printf("%s\n", num);
	return 0;
}
