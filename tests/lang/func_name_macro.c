/* __func__ is the enclosing function's name; __LINE__ follows the source. */
#include <stdio.h>

#define WHERE() printf("%s:%d\n", __func__, __LINE__)

static void helper(void) { WHERE(); }
static const char *name(void) { return __func__; }

int main(void)
{
	WHERE();
	helper();
	printf("%s %zu\n", name(), sizeof(__func__));
	printf("%s\n", __func__);
	return 0;
}
