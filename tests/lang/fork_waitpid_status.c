/* fork(): the child exits with a status the parent collects with waitpid. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
	for (int i = 1; i <= 3; i++) {
		fflush(stdout);   /* stdout may be a file: do not let the child inherit buffered lines */
		pid_t pid = fork();
		if (pid == 0) {
			printf("child %d\n", i);
			exit(i * 10);
		}
		int status = 0;
		pid_t w = waitpid(pid, &status, 0);
		printf("reaped %d: exited %d status %d\n", w == pid, WIFEXITED(status), WEXITSTATUS(status));
	}
	return 0;
}
