/* A MAP_SHARED anonymous mapping is shared between parent and child after fork. */
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		*shared = 42;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("%d\n", *shared);
	munmap(shared, 4096);
	return 0;
}
