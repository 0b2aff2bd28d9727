/* Anonymous mmap: zero-filled pages, writes, munmap. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	size_t len = 3 * 4096;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("%d\n", p != MAP_FAILED);
	int zero = 1;
	for (size_t i = 0; i < len; i++)
		zero &= p[i] == 0;
	printf("%d\n", zero);
	memset(p + 4096, 0xab, 4096);
	printf("%02x %02x %02x\n", p[4095], p[4096], p[8191]);
	printf("%d\n", munmap(p, len));
	return 0;
}
