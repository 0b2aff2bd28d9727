// follow N — prints the next N records of the kernel log as they come, the way
// `dmesg -w` follows /dev/kmsg: from the end of the log, one record per read(), each
// read sleeping in devkmsg_read() until printk adds one and wakes it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char rec[1024];
	int n = atoi(argv[1]);
	int fd = open("/dev/kmsg", O_RDONLY);

	lseek(fd, 0, SEEK_END);
	while (n-- > 0) {
		long len = read(fd, rec, sizeof(rec) - 1);
		char *text;

		if (len <= 0)
			break;
		rec[len] = 0;
		text = strchr(rec, ';');   /* "level,seq,usec,flags;text\n" */
		printf("follow: %s", text ? text + 1 : rec);
	}
	return 0;
}
