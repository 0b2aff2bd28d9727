/* A global table of structs with nested arrays and strings, searched at run time. */
#include <stdio.h>
#include <string.h>

struct syscall_info { const char *name; int nr; int nargs; const char *args[3]; };

static const struct syscall_info table[] = {
	{"read", 0, 3, {"fd", "buf", "count"}},
	{"write", 1, 3, {"fd", "buf", "count"}},
	{"close", 3, 1, {"fd"}},
	{"getpid", 39, 0},
	{"kill", 62, 2, {"pid", "sig"}},
};

int main(void)
{
	const char *wanted[] = {"close", "kill", "getpid", "fork"};
	for (int w = 0; w < 4; w++) {
		const struct syscall_info *s = NULL;
		for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
			if (!strcmp(table[i].name, wanted[w]))
				s = &table[i];
		if (!s) {
			printf("%s: unknown\n", wanted[w]);
			continue;
		}
		printf("%s(%d):", s->name, s->nr);
		for (int a = 0; a < s->nargs; a++)
			printf(" %s", s->args[a]);
		printf("%s\n", s->args[2] ? "" : " (fewer than 3)");
	}
	return 0;
}
