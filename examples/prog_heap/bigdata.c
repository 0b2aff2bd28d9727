// A program with a 32 MiB static array and malloc(): the heap starts past .bss (brk's
// start, the page after the end of .bss), so writing one never clobbers the other.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char big[32 << 20];
static int counter = 7;   // .data, before .bss

int main(void)
{
	char *p = malloc(4096);
	char *q = malloc(1 << 20);
	memset(big, 'b', sizeof(big));
	memset(p, 'p', 4096);
	memset(q, 'q', 1 << 20);
	printf("big  %p..%p\n", (void *)big, (void *)(big + sizeof(big)));
	printf("heap %p, %p\n", (void *)p, (void *)q);
	printf("heap past .bss: %s\n", (char *)p >= big + sizeof(big) ? "yes" : "no");
	printf("big intact: %s, counter %d\n",
	       big[0] == 'b' && big[sizeof(big) - 1] == 'b' && big[sizeof(big) / 2] == 'b' ? "yes" : "no", counter);
	return 0;
}
