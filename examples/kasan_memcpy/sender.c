// sender — writes one struct msg to /dev/msg.
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct msg {
	unsigned int type;
	unsigned int len;
	char text[24];
};

int main(void)
{
	struct msg m;
	int fd = open("/dev/msg", O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		perror("open /dev/msg");
		return 1;
	}
	memset(&m, 0, sizeof(m));
	m.type = 1;
	strcpy(m.text, "hello from user space");
	m.len = strlen(m.text);
	n = write(fd, &m, sizeof(m));
	printf("sender: write = %zd\n", n);
	close(fd);
	return 0;
}
