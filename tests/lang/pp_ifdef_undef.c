/* #ifdef, #ifndef, #undef and redefinition. */
#include <stdio.h>

#define A 1
#ifndef B
#define B 2
#endif

int main(void)
{
#ifdef A
	printf("A=%d\n", A);
#endif
	printf("B=%d\n", B);
#undef A
#ifdef A
	printf("A still defined\n");
#else
	printf("A undefined\n");
#endif
#define A 5
	printf("A=%d\n", A);
#ifndef C
#ifdef B
	printf("nested: no C, but B\n");
#endif
#endif
#undef NEVER_DEFINED
	return 0;
}
