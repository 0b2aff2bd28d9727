/* strncpy pads with NULs up to n and does not terminate when the source is long. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char b[10];
	memset(b, '*', sizeof b);
	strncpy(b, "abc", 6);
	for (int i = 0; i < 10; i++)
		printf("%c", b[i] ? b[i] : '0');
	printf("\n");
	memset(b, '*', sizeof b);
	strncpy(b, "abcdefgh", 4);
	for (int i = 0; i < 10; i++)
		printf("%c", b[i] ? b[i] : '0');
	printf("\n");
	char *r = strncpy(b, "", 2);
	printf("%d %d %d\n", r == b, b[0], b[1]);
	return 0;
}
