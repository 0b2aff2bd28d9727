/* #if arithmetic uses intmax_t/uintmax_t; character constants are allowed. */
#include <stdio.h>

int main(void)
{
#if 'A' == 65
	printf("ascii\n");
#endif
#if -1 > 0u
	printf("-1 > 0u in #if (unsigned arithmetic)\n");
#endif
#if 0x7fffffffffffffff + 0 > 0
	printf("64-bit #if\n");
#endif
#if (1 << 40) > 0
	printf("shift beyond 32 bits\n");
#endif
#if 5 / 2 == 2 && -5 / 2 == -2 && -5 % 2 == -1
	printf("truncating division\n");
#endif
#if defined(__STDC__) && __STDC__ == 1
	printf("stdc\n");
#endif
	return 0;
}
