// pong: waits for ping's byte on /tmp/ping and sends it back down /tmp/pong. Each wait
// is a read() that sleeps in pipe_read() until ping's write() wakes it. At the end the
// task reads its own switch counts.
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#define WHO "pong"

static void print_switches(void)
{
	char buf[2048];
	int fd = open("/proc/self/status", O_RDONLY);
	long n;
	char *line;

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	for (line = buf; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (strncmp(line, "voluntary_ctxt_switches", 23) == 0 ||
		    strncmp(line, "nonvoluntary_ctxt_switches", 26) == 0)
			printf(WHO ": %s\n", line);
		line = nl ? nl + 1 : NULL;
	}
}

int main(void)
{
	char ball = 'o';
	// fifo_open(): a writer waits for a reader and a reader for a writer, so the two
	// programs open the FIFOs in the same order.
	int in = open("/tmp/ping", O_RDONLY);
	int out = open("/tmp/pong", O_WRONLY);

	for (int i = 1; i <= 3; i++) {
		read(in, &ball, 1);
		printf(WHO " %d\n", i);
		write(out, &ball, 1);
	}
	close(out);
	close(in);
	print_switches();
	return 0;
}
