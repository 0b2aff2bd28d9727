/* enums as array indices and switch labels, with a count sentinel. */
#include <stdio.h>

enum level { DEBUG, INFO, WARN, ERROR, NLEVELS };
static const char *const level_names[NLEVELS] = {[ERROR] = "error", [DEBUG] = "debug", [WARN] = "warn", [INFO] = "info"};

static int severity(enum level l)
{
	switch (l) {
	case DEBUG:
	case INFO: return 0;
	case WARN: return 1;
	case ERROR: return 2;
	default: return -1;
	}
}

int main(void)
{
	int counts[NLEVELS] = {0};
	enum level log[] = {INFO, WARN, INFO, ERROR, DEBUG, INFO};
	for (unsigned i = 0; i < sizeof log / sizeof log[0]; i++)
		counts[log[i]]++;
	for (enum level l = DEBUG; l < NLEVELS; l++)
		printf("%-5s %d sev %d\n", level_names[l], counts[l], severity(l));
	printf("%d\n", severity((enum level)9));
	return 0;
}
