// The test program: knob's path from its header (found through the Makefile's CFLAGS),
// and a buffer of PAGES pages sized with sysconf(_SC_PAGESIZE).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <knob/paths.h>

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *buf = malloc(PAGES * page);
	int fd = open(KNOB_LIMIT, O_RDONLY | O_SYNC);
	long n = read(fd, buf, PAGES * page - 1);

	buf[n > 0 ? n : 0] = 0;
	printf("page %ld, %d cpus, %s: %s", page, (int)sysconf(_SC_NPROCESSORS_ONLN), KNOB_LIMIT, buf);
	printf("sysconf(12345): %ld\n", sysconf(12345));
	close(fd);
	return 0;
}
