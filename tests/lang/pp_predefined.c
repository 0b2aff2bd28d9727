/* Predefined macros that gcc and kctx share, and __LINE__. */
#include <stdio.h>

int main(void)
{
#ifdef __x86_64__
	printf("x86_64\n");
#endif
#ifdef __linux__
	printf("linux\n");
#endif
#if defined(__LP64__)
	printf("LP64\n");
#endif
	printf("%d\n", __STDC__);
	printf("line %d\n", __LINE__);
	printf("line %d\n", __LINE__);
	return 0;
}
