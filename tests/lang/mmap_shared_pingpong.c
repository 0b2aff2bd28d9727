/* A parent and one long-lived child alternate on a MAP_SHARED counter, handing the turn
 * over through two pipes: each sees the other's increments at once, because both map
 * the same shmem object. The child's exit status carries its last view back. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int to_child[2], to_parent[2];
	char token = 't';
	if (shared == MAP_FAILED || pipe(to_child) || pipe(to_parent))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 5; i++) {
			read(to_child[0], &token, 1);
			shared[0] = shared[0] * 2;
			shared[1 + i] = shared[0];
			write(to_parent[1], &token, 1);
		}
		_exit(shared[0] & 0xff);
	}
	for (int i = 0; i < 5; i++) {
		shared[0] += 3;
		write(to_child[1], &token, 1);
		read(to_parent[0], &token, 1);
		printf("turn %d: %d\n", i, shared[0]);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child exit %d\n", WEXITSTATUS(status));
	for (int i = 0; i < 5; i++)
		printf("%d%c", shared[1 + i], i == 4 ? '\n' : ' ');
	return 0;
}
