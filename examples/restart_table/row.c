// row CODE MODE — one row of the restart table. Calls ioctl(RESTARTABLE_WAIT, CODE) on
// /dev/restartable (or, for CODE "nanosleep", sleeps two seconds) with SIGALRM handled
// as MODE says, and prints what the call returned.
//   restart    handler with SA_RESTART, alarm(1)
//   norestart  handler without SA_RESTART, alarm(1)
//   ignore     SIGALRM set to SIG_IGN, alarm(1)
//   default    SIGALRM left at SIG_DFL (terminate), alarm(1)
//   stopcont   no alarm: init stops the process with SIGSTOP and continues it
//   blocked    handler, SIGALRM blocked with sigprocmask(), alarm(1)
//   nosignal   RESTARTABLE_FAIL: the driver returns CODE with no signal pending
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#define RESTARTABLE_WAIT _IOW('r', 1, int)
#define RESTARTABLE_FAIL _IOW('r', 2, int)

static volatile int handled;

static void on_alarm(int sig)
{
	handled++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *code_name(int code)
{
	switch (code) {
	case 4: return "-EINTR";
	case 512: return "-ERESTARTSYS";
	case 513: return "-ERESTARTNOINTR";
	case 514: return "-ERESTARTNOHAND";
	case 516: return "-ERESTART_RESTARTBLOCK";
	}
	return "?";
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct timespec req, rem;
	sigset_t set;
	const char *mode;
	double start;
	long n;
	int code, fd, sleeping;

	if (argc != 3) {
		fprintf(stderr, "usage: row CODE|nanosleep MODE\n");
		return 2;
	}
	mode = argv[2];
	sleeping = strcmp(argv[1], "nanosleep") == 0;
	code = sleeping ? 0 : atoi(argv[1]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	if (strcmp(mode, "restart") == 0)
		sa.sa_flags = SA_RESTART;
	else if (strcmp(mode, "ignore") == 0)
		sa.sa_handler = SIG_IGN;
	else if (strcmp(mode, "default") == 0 || strcmp(mode, "stopcont") == 0)
		sa.sa_handler = SIG_DFL;
	sigaction(SIGALRM, &sa, NULL);
	if (strcmp(mode, "blocked") == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGALRM);
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	if (strcmp(mode, "stopcont") != 0 && strcmp(mode, "nosignal") != 0)
		alarm(1);
	start = now();
	if (sleeping) {
		req.tv_sec = 2;
		req.tv_nsec = 0;
		rem.tv_sec = 0;
		rem.tv_nsec = 0;
		n = nanosleep(&req, &rem);
		printf("nanosleep(2 s) %-9s: returned %ld, errno=%d (%s), rem=%ld.%03ld s, after %.3f s, handler ran %d time(s)\n",
		       mode, n, n < 0 ? errno : 0, n < 0 ? strerror(errno) : "-", (long)rem.tv_sec, rem.tv_nsec / 1000000,
		       now() - start, handled);
		return 0;
	}
	fd = open("/dev/restartable", O_RDONLY);
	if (fd < 0) {
		perror("open /dev/restartable");
		return 1;
	}
	n = ioctl(fd, strcmp(mode, "nosignal") == 0 ? RESTARTABLE_FAIL : RESTARTABLE_WAIT, code);
	printf("%-22s %-9s: ioctl() returned %ld, errno=%d (%s), after %.3f s, handler ran %d time(s)\n", code_name(code),
	       mode, n, n < 0 ? errno : 0, n < 0 ? strerror(errno) : "-", now() - start, handled);
	if (strcmp(mode, "blocked") == 0) {
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		printf("%-22s %-9s: SIGALRM unblocked, handler ran %d time(s)\n", code_name(code), mode, handled);
	}
	return 0;
}
