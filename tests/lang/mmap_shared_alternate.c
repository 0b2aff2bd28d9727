/* Parent and fork() children take turns on one MAP_SHARED|MAP_ANONYMOUS page, with
 * waitpid() in between: each side reads what the other wrote last. The mapping is backed
 * by one shmem object (mm/shmem.c shmem_zero_setup()), so a child's stores are the
 * parent's, unlike a MAP_PRIVATE page, which fork() copies. A second page of the same
 * mapping carries a log the children append to. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	long *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	long *log = p + 4096 / sizeof(long);
	p[0] = 1;
	for (int round = 1; round <= 4; round++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			/* The child sees the parent's latest value, then answers with its own. */
			long seen = p[0];
			p[0] = seen * 10 + round;
			log[log[0] + 1] = seen;
			log[0]++;
			_exit(0);
		}
		int status;
		waitpid(pid, &status, 0);
		printf("round %d: child left %ld\n", round, p[0]);
		p[0] += 1;   /* the parent's turn */
	}
	printf("children saw:");
	for (long i = 1; i <= log[0]; i++)
		printf(" %ld", log[i]);
	printf("\n");
	return munmap(p, 2 * 4096);
}
