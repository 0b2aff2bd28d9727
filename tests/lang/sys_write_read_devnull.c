/* write(2) to stdout (after fflush, so stdio's buffer does not reorder output),
 * /dev/null and /dev/zero with open/read/write/close. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int main(void)
{
	printf("before write\n");
	fflush(stdout);
	ssize_t n = write(1, "raw write\n", 10);
	printf("wrote %zd\n", n);
	int fd = open("/dev/null", O_WRONLY);
	printf("open ok: %d\n", fd >= 0);
	printf("%zd\n", write(fd, "discard", 7));
	printf("%d\n", close(fd));
	int z = open("/dev/zero", O_RDONLY);
	char buf[8];
	memset(buf, 'x', sizeof buf);
	printf("%zd\n", read(z, buf, sizeof buf));
	int zeros = 0;
	for (int i = 0; i < 8; i++)
		zeros += buf[i] == 0;
	printf("%d\n", zeros);
	close(z);
	int nul = open("/dev/null", O_RDONLY);
	printf("%zd\n", read(nul, buf, sizeof buf));
	close(nul);
	return 0;
}
