// hold FILE — opens FILE and keeps it open until a signal ends the process.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = open(argv[1], O_RDONLY);

	if (fd < 0) {
		printf("hold: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("hold: %s is open\n", argv[1]);
	pause();
	return 0;
}
