/* Opens a file without waiting and copies what it reads to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[256];
	ssize_t n;
	int fd = open(argv[1], O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		printf("peek: %s\n", errno == EAGAIN ? "busy, would block" : strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return 0;
}
