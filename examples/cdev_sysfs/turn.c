// turn — reads and writes the dials through their /dev nodes, and shows what the
// sysfs files refuse.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%-44s = -1 %s\n", what, strerror(errno));
	else
		printf("%-44s = %ld\n", what, r);
}

static void read_node(const char *path)
{
	char buf[32] = {0};
	int fd = open(path, O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);

	printf("%s reads %ld bytes: %s", path, n, buf);
	close(fd);
}

int main(void)
{
	int fd;

	read_node("/dev/dial0");
	fd = open("/dev/dial1", O_WRONLY);
	show("write(/dev/dial1, \"0x2a\\n\")", write(fd, "0x2a\n", 5));
	show("write(/dev/dial1, \"12ab\")", write(fd, "12ab", 4));
	close(fd);
	read_node("/dev/dial1");
	show("open(/sys/class/dials/dial0/label, O_WRONLY)", open("/sys/class/dials/dial0/label", O_WRONLY));
	show("open(/sys/class/dials/dial0, O_WRONLY)", open("/sys/class/dials/dial0", O_WRONLY));
	show("open(/sys/class/dials/dial0/limit)", open("/sys/class/dials/dial0/limit", O_RDONLY));
	fd = open("/sys/class/dials/dial1/position", O_WRONLY);
	show("write(dial1/position, \"500\\n\")", write(fd, "500\n", 4));
	show("write(dial1/position, \"-7\")", write(fd, "-7", 2));
	close(fd);
	return 0;
}
