// watch — reads /dev/ticker every way a program can wait for a device: O_NONBLOCK,
// poll(), select(), SIGIO after fcntl(F_SETOWN) and O_ASYNC; and a poll() that a
// signal interrupts.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/select.h>

static volatile int sigio_count;
static volatile int alarm_count;

static void on_sigio(int sig) { sigio_count++; }
static void on_alarm(int sig) { alarm_count++; }

static void handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

int main(void)
{
	char c;
	int fd = open("/dev/ticker", O_RDONLY | O_NONBLOCK);
	int n, flags, pipefd[2];
	struct pollfd pfd;
	fd_set rset;
	struct timeval tv;

	if (fd < 0) {
		perror("open /dev/ticker");
		return 1;
	}
	n = read(fd, &c, 1);
	printf("nonblocking read: %d (%s)\n", n, n < 0 ? strerror(errno) : "data");

	pfd.fd = fd;
	pfd.events = POLLIN;
	n = poll(&pfd, 1, 0);
	printf("poll, no wait: %d, revents %#x\n", n, pfd.revents);
	n = poll(&pfd, 1, 1000);
	printf("poll, 1 s: %d, revents %#x\n", n, pfd.revents);
	n = read(fd, &c, 1);
	printf("read: %d '%c'\n", n, c);

	FD_ZERO(&rset);
	FD_SET(fd, &rset);
	tv.tv_sec = 1;
	tv.tv_usec = 0;
	n = select(fd + 1, &rset, NULL, NULL, &tv);
	printf("select: %d, readable %d, time left %ld.%06ld s\n", n, FD_ISSET(fd, &rset), (long)tv.tv_sec,
	       (long)tv.tv_usec);
	read(fd, &c, 1);
	printf("read: '%c'\n", c);

	flags = fcntl(fd, F_GETFL);
	printf("F_GETFL: %#o (O_NONBLOCK %s)\n", flags, flags & O_NONBLOCK ? "set" : "clear");
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	n = read(fd, &c, 1);
	printf("blocking read: %d '%c'\n", n, c);

	handle(SIGIO, on_sigio);
	fcntl(fd, F_SETOWN, getpid());
	printf("F_GETOWN: %s\n", fcntl(fd, F_GETOWN) == getpid() ? "this process" : "someone else");
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC);
	while (sigio_count < 3)
		pause();
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_ASYNC);
	printf("SIGIO: %d signals, then O_ASYNC off\n", sigio_count);
	usleep(300000);
	printf("SIGIO after 300 ms more: %d\n", sigio_count);

	pipe(pipefd);
	handle(SIGALRM, on_alarm);
	alarm(1);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	n = poll(&pfd, 1, -1);
	printf("poll on an empty pipe: %d (%s), SIGALRM %d\n", n, n < 0 ? strerror(errno) : "ready", alarm_count);
	close(pipefd[1]);
	n = poll(&pfd, 1, -1);
	printf("poll after the writer closed: %d, revents %#x (POLLHUP)\n", n, pfd.revents);
	printf("bad fd: fcntl %d, poll revents ", fcntl(42, F_GETFL));
	pfd.fd = 42;
	poll(&pfd, 1, 0);
	printf("%#x (POLLNVAL)\n", pfd.revents);
	close(fd);
	return 0;
}
