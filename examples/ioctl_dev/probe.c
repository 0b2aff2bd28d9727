// probe — drives /dev/regfile through every command, decodes the command numbers with
// <sys/ioctl.h>'s _IOC_* macros, and shows the errors bad calls get.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct reg_io {
	unsigned int index;
	unsigned int value;
};

#define REG_MAGIC 'r'
#define REG_RESET _IO(REG_MAGIC, 0)
#define REG_READ _IOWR(REG_MAGIC, 1, struct reg_io)
#define REG_WRITE _IOW(REG_MAGIC, 2, struct reg_io)
#define REG_COUNT _IOR(REG_MAGIC, 3, int)
#define REG_SUM _IOR(REG_MAGIC, 4, unsigned int)
#define REG_SETNAME _IOW(REG_MAGIC, 5, char *)
#define REG_LOAD _IOW(REG_MAGIC, 6, unsigned int[8])

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%-40s = -1 %s\n", what, strerror(errno));
	else
		printf("%-40s = %ld\n", what, r);
}

static void decode(const char *name, unsigned long cmd)
{
	static const char *dirs[] = {"none", "write", "read", "read|write"};

	printf("%-12s %#010lx  dir %-10s type '%c' nr %lu size %lu\n", name, cmd, dirs[_IOC_DIR(cmd)],
	       (int)_IOC_TYPE(cmd), (unsigned long)_IOC_NR(cmd), (unsigned long)_IOC_SIZE(cmd));
}

int main(void)
{
	struct reg_io io = {3, 0xbeef};
	unsigned int load[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	unsigned int sum = 0;
	int count = 0;
	int fd = open("/dev/regfile", O_RDWR);

	decode("REG_RESET", REG_RESET);
	decode("REG_READ", REG_READ);
	decode("REG_WRITE", REG_WRITE);
	decode("REG_SETNAME", REG_SETNAME);
	decode("REG_LOAD", REG_LOAD);
	show("ioctl(REG_COUNT, &count)", ioctl(fd, REG_COUNT, &count));
	printf("  count = %d\n", count);
	show("ioctl(REG_WRITE, {3, 0xbeef})", ioctl(fd, REG_WRITE, &io));
	io.value = 0;
	show("ioctl(REG_READ, {3, ?})", ioctl(fd, REG_READ, &io));
	printf("  value = %#x\n", io.value);
	io.index = 8;
	show("ioctl(REG_READ, {8, ?})", ioctl(fd, REG_READ, &io));
	show("ioctl(REG_LOAD, 1..8)", ioctl(fd, REG_LOAD, load));
	show("ioctl(REG_SUM, &sum)", ioctl(fd, REG_SUM, &sum));
	printf("  sum = %u\n", sum);
	show("ioctl(REG_SETNAME, \"bank-a\")", ioctl(fd, REG_SETNAME, "bank-a"));
	show("ioctl(REG_SETNAME, 20 letters)", ioctl(fd, REG_SETNAME, "abcdefghijklmnopqrst"));
	show("ioctl(REG_RESET)", ioctl(fd, REG_RESET));
	show("ioctl(REG_SUM, &sum)", ioctl(fd, REG_SUM, &sum));
	printf("  sum = %u\n", sum);
	show("ioctl(REG_READ, NULL)", ioctl(fd, REG_READ, NULL));
	show("ioctl(REG_SUM, kernel address)", ioctl(fd, REG_SUM, (void *)0xffff888000001000UL));
	show("ioctl(REG_LOAD, unmapped)", ioctl(fd, REG_LOAD, (void *)0x10000));
	show("ioctl(REG_SETNAME, unmapped)", ioctl(fd, REG_SETNAME, (void *)0x10000));
	show("ioctl(_IO('r', 7))", ioctl(fd, _IO('r', 7)));
	show("ioctl(_IO('x', 1))", ioctl(fd, _IO('x', 1)));
	show("ioctl(FIONBIO, &one)", ioctl(fd, FIONBIO, &count));
	close(fd);
	return 0;
}
