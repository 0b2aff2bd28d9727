// memscan DEVICE — reads DEVICE from offset 0 in 4 KiB blocks until read() fails or
// returns 0, as `dd if=/dev/mem of=/dev/null bs=4k` would, and says how far it got.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static char block[4096];

int main(int argc, char **argv)
{
	unsigned long total = 0;
	long n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: memscan DEVICE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	while ((n = read(fd, block, sizeof(block))) > 0)
		total += n;
	if (n < 0)
		printf("memscan %s: %lu bytes (%lu KiB) read, then read() at %#lx failed: %s\n", argv[1], total,
		       total / 1024, total, strerror(errno));
	else
		printf("memscan %s: %lu bytes read, then end of file\n", argv[1], total);
	close(fd);
	return n < 0;
}
