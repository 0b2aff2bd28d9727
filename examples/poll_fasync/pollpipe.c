// pollpipe — a reader that waits with poll() for each byte a forked writer sends through a
// pipe, 200 of them with short sleeps in between; after each read a select() with a zero
// timeout only looks. Every byte arrives: no wake-up is lost between a pass and the sleep.
#include <stdio.h>
#include <unistd.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/wait.h>
int main(void)
{
	int p[2], got = 0, sel = 0;
	char c;
	pipe(p);
	if (fork() == 0) {
		close(p[0]);
		for (int i = 0; i < 200; i++) { write(p[1], "x", 1); if (i % 3) usleep(137); }
		return 0;
	}
	close(p[1]);
	for (;;) {
		struct pollfd pfd = { p[0], POLLIN, 0 };
		int n = poll(&pfd, 1, 5000);
		if (n != 1) { printf("poll %d\n", n); break; }
		if (read(p[0], &c, 1) != 1) break;
		got++;
		fd_set r; FD_ZERO(&r); FD_SET(p[0], &r);
		struct timeval tv = {0, 0};
		sel += select(p[0] + 1, &r, NULL, NULL, &tv);
	}
	wait(NULL);
	printf("got %d bytes, select saw data %d times\n", got, sel);
	return 0;
}
