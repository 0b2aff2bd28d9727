/* Walking strings with pointers: count, find, split in place. */
#include <stdio.h>

int main(void)
{
	char line[] = "key=value;name=kctx;mode=debug";
	int fields = 0;
	for (char *p = line; *p; p++)
		if (*p == ';')
			fields++;
	printf("%d fields\n", fields + 1);
	char *cur = line;
	while (cur) {
		char *semi = cur;
		while (*semi && *semi != ';')
			semi++;
		char *next = *semi ? semi + 1 : NULL;
		*semi = 0;
		char *eq = cur;
		while (*eq != '=')
			eq++;
		*eq = 0;
		printf("[%s] -> [%s]\n", cur, eq + 1);
		cur = next;
	}
	return 0;
}
