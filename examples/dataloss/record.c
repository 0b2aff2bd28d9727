// record DEVICE — reads one 12-byte record from DEVICE the careful way: read() again
// until 12 bytes have arrived. SIGALRM comes after a second; its handler has
// SA_RESTART, as in a program that does not want to deal with EINTR.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#define RECORD 12

static volatile int handled;

static void on_alarm(int sig)
{
	handled++;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	char rec[RECORD + 1];
	char shown[2 * RECORD + 1];
	int fd, got = 0, i, j = 0;
	long n;

	if (argc != 2) {
		fprintf(stderr, "usage: record DEVICE\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	alarm(1);
	while (got < RECORD) {
		n = read(fd, rec + got, RECORD - got);
		if (n < 0) {
			perror("read");
			return 1;
		}
		printf("record %s: read() returned %ld\n", argv[1], n);
		got += n;
	}
	for (i = 0; i < RECORD; i++) {
		if (rec[i] == '\n') {
			shown[j++] = '\\';
			shown[j++] = 'n';
		} else {
			shown[j++] = rec[i];
		}
	}
	shown[j] = 0;
	printf("record %s: \"%s\" (the handler ran %d time(s))\n", argv[1], shown, handled);
	return 0;
}
