// forkloop — N rounds of fork(), the child exits, the parent reaps it with waitpid().
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
int main(int argc, char **argv)
{
	int n = atoi(argv[1]), i, status, last = 0;
	for (i = 0; i < n; i++) {
		int pid = fork();
		if (pid == 0)
			exit(i & 0x7f);
		if (pid < 0) { printf("fork failed at %d\n", i); return 1; }
		waitpid(pid, &status, 0);
		last = pid;
	}
	printf("%d children reaped, last pid %d\n", n, last);
	return 0;
}
