/* System calls that fail return -1 and set errno (EBADF, ENOENT). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>

int main(void)
{
	errno = 0;
	ssize_t r = write(99, "x", 1);
	printf("%zd %d %s\n", r, errno, strerror(errno));
	errno = 0;
	r = read(-1, NULL, 0);
	printf("%zd %d\n", r, errno == EBADF);
	errno = 0;
	int c = close(77);
	printf("%d %d\n", c, errno == EBADF);
	errno = 0;
	int fd = open("/dev/no_such_device_here", O_RDONLY);
	printf("%d %d %s\n", fd, errno, strerror(errno));
	return 0;
}
