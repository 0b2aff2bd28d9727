/* Every pointer is 8 bytes; what it points to is not. */
#include <stdio.h>

struct big { char buf[1000]; };

int main(void)
{
	struct big *pb = 0;
	char **ppc = 0;
	void (*fn)(void) = 0;
	printf("%zu %zu %zu %zu\n", sizeof pb, sizeof *pb, sizeof ppc, sizeof *ppc);
	printf("%zu %zu\n", sizeof fn, sizeof(&fn));
	printf("%zu %zu\n", sizeof(pb + 1), sizeof(pb[0].buf));
	printf("%ld\n", (long)((char *)(pb + 1) - (char *)pb));
	return 0;
}
