// pipes — what a pipe does at its edges, in one process: its capacity, O_NONBLOCK,
// end of file, EPIPE and SIGPIPE, and a blocking read that a signal interrupts, with and
// without SA_RESTART (fs/pipe.c pipe_read(), pipe_write(), pipe_release()).
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

static int fds[2];
static int sigpipes;

static void on_sigpipe(int sig) { sigpipes++; }
// SIGALRM's handler feeds the pipe the reader is blocked on.
static void on_alarm(int sig) { write(fds[1], "!", 1); }

static void capacity(void)
{
	char byte = 'x';
	long total = 0;

	pipe2(fds, O_NONBLOCK);
	while (write(fds[1], &byte, 1) == 1)
		total++;
	printf("capacity: %ld one-byte writes, then %s\n", total, strerror(errno));
	close(fds[0]);
	close(fds[1]);
}

static void eof_and_epipe(void)
{
	char buf[16];
	long n;

	pipe(fds);
	write(fds[1], "hello", 5);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf));
	printf("read %ld bytes: %.*s\n", n, (int)n, buf);
	n = read(fds[0], buf, sizeof(buf));
	printf("read after the writer closed: %ld (end of file)\n", n);
	close(fds[0]);

	pipe(fds);
	close(fds[0]);
	signal(SIGPIPE, on_sigpipe);
	n = write(fds[1], "x", 1);
	printf("write with no reader: %ld (%s), SIGPIPE caught %d time(s)\n", n, strerror(errno), sigpipes);
	close(fds[1]);
}

static void interrupted_read(int flags)
{
	struct sigaction sa;
	char buf[4];
	long n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
	pipe(fds);
	alarm(1);
	n = read(fds[0], buf, sizeof(buf));
	if (n < 0)
		printf("read (%s): %ld, %s\n", flags ? "SA_RESTART" : "no SA_RESTART", n, strerror(errno));
	else
		printf("read (%s): %ld byte(s) '%.*s'\n", flags ? "SA_RESTART" : "no SA_RESTART", n, (int)n, buf);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	capacity();
	eof_and_epipe();
	interrupted_read(SA_RESTART);
	interrupted_read(0);
	return 0;
}
