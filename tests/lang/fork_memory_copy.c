/* After fork the child has a copy of memory: its writes are not seen by the parent. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static int global = 1;

int main(void)
{
	int *heap = malloc(sizeof *heap);
	*heap = 10;
	int local = 100;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		global = 2;
		*heap = 20;
		local = 200;
		printf("child: %d %d %d\n", global, *heap, local);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("parent: %d %d %d\n", global, *heap, local);
	return 0;
}
