/* strcat and strncat append and terminate. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char buf[64] = "alpha";
	strcat(buf, "-beta");
	printf("%s %zu\n", buf, strlen(buf));
	strncat(buf, "-gamma-delta", 6);
	printf("%s %zu\n", buf, strlen(buf));
	strncat(buf, "!", 10);
	printf("%s\n", buf);
	char *r = strcat(buf, "");
	printf("%d\n", r == buf);
	char line[32] = "";
	for (int i = 0; i < 5; i++) {
		char num[4];
		snprintf(num, sizeof num, "%d,", i * i);
		strcat(line, num);
	}
	printf("%s\n", line);
	return 0;
}
