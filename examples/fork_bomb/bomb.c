// bomb — every process forks as often as it can, 12 times; every child does the same.
// With threads-max 256 the machine runs out of tasks long before 2^12: copy_process()
// fails with EAGAIN (kernel/fork.c), each process reaps its children and exits 1 when
// it or one of its descendants saw the failure.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
	int top = getpid();
	int i, status, saw = 0;

	for (i = 0; i < 12; i++) {
		int pid = fork();
		if (pid < 0) {
			if (errno == EAGAIN)
				saw = 1;
			if (getpid() == top)
				printf("fork: %s\n", strerror(errno));
			break;
		}
		if (pid == 0)
			saw = 0;   // the child goes on forking
	}
	while (wait(&status) > 0)
		if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
			saw = 1;
	if (getpid() == top)
		printf("all children reaped; EAGAIN seen: %s\n", saw ? "yes" : "no");
	return saw;
}
