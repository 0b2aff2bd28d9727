// workers — three children share /dev/drivermodes, which admits two open files at a
// time: the third child's open() sleeps on the driver's semaphore until the first
// child closes. The parent counts SIGCHLD with a sigaction handler (SA_RESTART, so its
// waitpid() restarts) and reaps the children as they finish.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile int sigchld_count;

static void on_sigchld(int sig)
{
	sigchld_count++;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* stdio is buffered and fork() copies buffers: children report with one write(2). */
static void say(const char *line)
{
	write(STDOUT_FILENO, line, strlen(line));
}

static int child(int n)
{
	char line[160], status[96];
	long t0 = now_ms();
	int fd = open("/dev/drivermodes", O_RDWR);
	long waited = now_ms() - t0;
	ssize_t got;

	if (fd < 0) {
		perror("open /dev/drivermodes");
		return 1;
	}
	snprintf(line, sizeof(line), "worker %d (pid %d, parent %d)\n", n, getpid(), getppid());
	write(fd, line, strlen(line));
	usleep(150000 * n);
	got = read(fd, status, sizeof(status) - 1);
	status[got > 0 ? got : 0] = 0;
	close(fd);
	snprintf(line, sizeof(line), "child %d: waited %ld ms to open, read %zd bytes: %s", n, waited, got, status);
	say(line);
	return 10 + n;
}

int main(void)
{
	struct sigaction sa;
	pid_t pids[3];
	int i, status;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);

	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[i] == 0)
			_exit(child(i + 1));
	}
	while ((pid = waitpid(-1, &status, 0)) > 0) {
		for (i = 0; i < 3 && pids[i] != pid; i++)
			;
		printf("parent: child %d exited with %d\n", i + 1, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	printf("parent: waitpid: %s; %d SIGCHLD\n", strerror(errno), sigchld_count);
	return 0;
}
