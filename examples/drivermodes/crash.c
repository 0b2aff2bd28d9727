// crash — uses memory after munmap(): the page fault finds no mapping, the kernel logs
// show_signal_msg()'s line and kills the program with SIGSEGV; the shell says so.
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	strcpy(p, "still here");
	printf("before munmap: %s\n", p);
	munmap(p, 4096);
	p[0] = 'x';
	printf("not reached\n");
	return 0;
}
