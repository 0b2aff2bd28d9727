/* Duplicating and joining strings on the heap with malloc and strcpy/strcat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup(const char *s) { char *d = malloc(strlen(s) + 1); return strcpy(d, s); }

static char *join(const char *const *parts, int n, const char *sep)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(parts[i]) + (i ? strlen(sep) : 0);
	char *out = malloc(len);
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(out, sep);
		strcat(out, parts[i]);
	}
	return out;
}

int main(void)
{
	char *a = dup("duplicate");
	a[0] = 'D';
	printf("%s\n", a);
	const char *parts[] = {"usr", "local", "bin"};
	char *p = join(parts, 3, "/");
	printf("/%s %zu\n", p, strlen(p));
	free(a);
	free(p);
	return 0;
}
