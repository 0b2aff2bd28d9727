// hold — keeps /proc/seqdemo/stats open across the module's removal: remove_proc_subtree()
// releases the file in rmmod (proc_entry_rundown), and what is left answers EIO.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[128];
	int fd = open("/proc/seqdemo/stats", O_RDONLY);
	long n = read(fd, buf, 8);

	printf("hold: read %ld bytes, holding the file\n", n);
	sleep(2);
	n = read(fd, buf, sizeof buf);
	printf("hold: read after rmmod = %ld (%s)\n", n, n < 0 ? strerror(errno) : "data");
	n = lseek(fd, 0, SEEK_SET);
	printf("hold: lseek after rmmod = %ld (%s)\n", n, n < 0 ? strerror(errno) : "ok");
	printf("hold: close = %d\n", close(fd));
	return 0;
}
