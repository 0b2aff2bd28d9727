/* Pointers to libc functions: stored in tables, passed around, called indirectly. */
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <stdlib.h>

struct op { const char *name; double (*fn)(double); };
static const struct op ops[] = {{"sqrt", sqrt}, {"fabs", fabs}, {"floor", floor}, {"sin", sin}};

int main(void)
{
	for (int i = 0; i < 4; i++)
		printf("%s(-2.25 or 2.25) = %.4f\n", ops[i].name, ops[i].fn(i == 0 ? 2.25 : -2.25));
	size_t (*len)(const char *) = strlen;
	printf("%zu\n", len("function pointer"));
	int (*conv)(const char *) = atoi;
	printf("%d\n", conv("123") + 1);
	int (*out)(const char *, ...) = printf;
	out("printf through a pointer: %d %s\n", 42, "ok");
	int (*cmp)(const char *, const char *) = strcmp;
	printf("%d\n", cmp("same", "same"));
	return 0;
}
