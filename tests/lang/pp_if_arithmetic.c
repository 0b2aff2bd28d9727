/* #if with arithmetic, defined(), #elif chains, and undefined identifiers as 0. */
#include <stdio.h>

#define LEVEL 3
#define FEATURE_A
#define MASK (1 << 4)

int main(void)
{
#if LEVEL > 2 && defined(FEATURE_A)
	printf("level>2 with A\n");
#endif
#if defined FEATURE_B || LEVEL * 2 == 6
	printf("B or six\n");
#endif
#if UNDEFINED_THING
	printf("wrong\n");
#else
	printf("undefined is 0\n");
#endif
#if (MASK & 0x10) && !(MASK & 1)
	printf("mask ok\n");
#endif
#if LEVEL == 1
	printf("one\n");
#elif LEVEL == 2
	printf("two\n");
#elif LEVEL == 3
	printf("three\n");
#else
	printf("many\n");
#endif
#if -1 < 0
	printf("signed compare\n");
#endif
#if 10 / 3 == 3 && 10 % 3 == 1
	printf("division\n");
#endif
#if 0
	this is not compiled at all
#endif
#if (2 ? 5 : 6) == 5
	printf("ternary\n");
#endif
	return 0;
}
