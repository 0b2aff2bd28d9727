/* libc functions that touch memory the program may not: the fault is the program's own
 * (strcpy's store, memset's, strlen's load), so it is SIGSEGV with the "segfault at"
 * line, not an unsimulated call. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void child_of(int which)
{
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status;

	if (fork() == 0) {
		if (which == 0)
			strcpy((char *)16, "nowhere");
		else if (which == 1)
			memset(ro, 'x', 10);
		else
			printf("%zu\n", strlen((char *)0x7000));
		return;
	}
	wait(&status);
	printf("child %d: %s\n", which, WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited");
}

int main(void)
{
	int i;

	for (i = 0; i < 3; i++)
		child_of(i);
	return 0;
}
