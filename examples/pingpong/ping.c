// One side of the ping-pong: print, then give the CPU away with sched_yield(). Each round
// is two system calls (write, sched_yield), each a mode switch on this task's own kernel
// stack, and one context switch inside sched_yield when another task is runnable. At the
// end the task reads its own switch counts from /proc/self/status, to compare with the
// trace's sched_switch lines.
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <fcntl.h>
#include <unistd.h>

#define WHO "ping"

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
	for (int i = 1; i <= 3; i++) {
		printf(WHO " %d\n", i);
		sched_yield();
	}
	print_switches();
	return 0;
}
