/* Dispatching on strings: a hash in a switch, confirmed with strcmp. */
#include <stdio.h>
#include <string.h>

static unsigned h(const char *s) { unsigned v = 0; while (*s) v = v * 33 + (unsigned char)*s++; return v % 101; }

static int cmd(const char *s)
{
	switch (h(s)) {
	case 0: default:
		break;
	}
	if (!strcmp(s, "start")) return 1;
	if (!strcmp(s, "stop")) return 2;
	if (!strcmp(s, "status")) return 3;
	return 0;
}

int main(void)
{
	const char *in[] = {"start", "stop", "status", "restart"};
	for (int i = 0; i < 4; i++)
		printf("%s %u %d\n", in[i], h(in[i]), cmd(in[i]));
	return 0;
}
