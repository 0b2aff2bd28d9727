/* Deeply nested #if/#ifdef groups, with skipped groups containing bad syntax. */
#include <stdio.h>

#define A 1
#define B 0

int main(void)
{
#if A
#  if B
	printf("A and B\n");
#  elif defined(C)
	printf("A and C\n");
#  else
#    ifndef D
	printf("A, not B, no C, no D\n");
#    endif
#  endif
#else
	this is skipped ( and not parsed
#  if 1
	neither is this
#  endif
#endif
#if !A || (B + 1 == 1 && defined A)
	printf("second condition true\n");
#endif
#ifdef A
#undef A
#define A 2
#endif
	printf("A=%d\n", A);
	return 0;
}
