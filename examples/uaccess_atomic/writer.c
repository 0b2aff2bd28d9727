// writer — hands the driver a buffer on a resident page, then one on a page the process
// has never touched (malloc'd but unused: not resident yet).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	char *fresh = malloc(3 * 4096);
	int fd = open("/dev/uaccess", O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		perror("open /dev/uaccess");
		return 1;
	}
	memset(buf, 'x', sizeof(buf));
	n = write(fd, buf, sizeof(buf));
	printf("writer: write(resident page) = %zd\n", n);
	n = write(fd, fresh + 4096, 64);
	printf("writer: write(non-resident page) = %zd%s%s\n", n, n < 0 ? ", errno " : "", n < 0 ? strerror(errno) : "");
	close(fd);
	return 0;
}
