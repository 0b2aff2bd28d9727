// files — the file syscalls against the drivers of echodev.ko and the kernel's own
// devices, printing what each returns and the errno Linux gives.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define ECHO_CLEAR _IO('e', 1)
#define ECHO_GETLEN _IOR('e', 2, int)

static const char *errname(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case EBADF: return "EBADF";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case ESPIPE: return "ESPIPE";
	}
	return "?";
}

static long show(const char *what, long r)
{
	if (r < 0)
		printf("  %-44s = -1 %s (%s)\n", what, errname(errno), strerror(errno));
	else
		printf("  %-44s = %ld\n", what, r);
	return r;
}

// The major /proc/devices gives a character driver, or -1.
static int find_major(const char *name)
{
	static char text[2048];
	long n, i = 0;
	int fd = open("/proc/devices", O_RDONLY);

	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = 0;
	while (i < n) {
		if (text[i] >= '0' && text[i] <= '9' || text[i] == ' ') {
			if (strncmp(text + i + 4, name, strlen(name)) == 0 && text[i + 4 + strlen(name)] == '\n')
				return atoi(text + i);
		}
		while (i < n && text[i] != '\n')
			i++;
		i++;
	}
	return -1;
}

int main(void)
{
	char buf[64];
	int fd, fd2, len = -1, major;
	long n;

	printf("/dev/echo (misc device)\n");
	fd = show("open(\"/dev/echo\", O_RDWR)", open("/dev/echo", O_RDWR));
	show("write(fd, \"hello, driver\", 13)", write(fd, "hello, driver", 13));
	show("lseek(fd, 0, SEEK_CUR)", lseek(fd, 0, SEEK_CUR));
	show("lseek(fd, 7, SEEK_SET)", lseek(fd, 7, SEEK_SET));
	n = show("read(fd, buf, 64)", read(fd, buf, sizeof(buf)));
	if (n > 0)
		printf("  buf: \"%.*s\"\n", (int)n, buf);
	show("read(fd, buf, 64) at the end", read(fd, buf, sizeof(buf)));
	show("lseek(fd, -1, SEEK_SET)", lseek(fd, -1, SEEK_SET));
	show("lseek(fd, 0, 7)", lseek(fd, 0, 7));
	show("ioctl(fd, ECHO_GETLEN, &len)", ioctl(fd, ECHO_GETLEN, &len));
	printf("  len: %d\n", len);
	show("lseek(fd, 0, SEEK_SET)", lseek(fd, 0, SEEK_SET));
	show("read(fd, (void *)16, 8): a bad buffer", read(fd, (void *)16, 8));
	show("ioctl(fd, ECHO_CLEAR)", ioctl(fd, ECHO_CLEAR));
	show("ioctl(fd, 0x1234)", ioctl(fd, 0x1234));
	show("ioctl(fd, ECHO_GETLEN, NULL)", ioctl(fd, ECHO_GETLEN, NULL));
	show("close(fd)", close(fd));
	show("close(fd) again", close(fd));
	show("read(fd, buf, 64) after close", read(fd, buf, sizeof(buf)));
	fd = show("open(\"/dev/echo\", O_RDONLY)", open("/dev/echo", O_RDONLY));
	show("write(fd, \"x\", 1) on O_RDONLY", write(fd, "x", 1));
	show("read(fd, buf, 64): the buffer was cleared", read(fd, buf, sizeof(buf)));
	printf("  (fd %d stays open: exit closes it)\n", fd);

	printf("legacy (register_chrdev)\n");
	major = find_major("legacy");
	printf("  /proc/devices: legacy has major %d\n", major);
	show("open(\"/dev/legacy\", O_RDONLY) before mknod", open("/dev/legacy", O_RDONLY));
	show("mknod(\"/dev/legacy\", S_IFCHR|0600, (major, 0))", mknod("/dev/legacy", S_IFCHR | 0600, makedev(major, 0)));
	show("mknod(\"/dev/legacy\", ...) again", mknod("/dev/legacy", S_IFCHR | 0600, makedev(major, 0)));
	fd2 = show("open(\"/dev/legacy\", O_RDWR)", open("/dev/legacy", O_RDWR));
	n = show("read(fd2, buf, 64)", read(fd2, buf, sizeof(buf)));
	if (n > 0)
		printf("  buf: \"%.*s\\n\"\n", (int)n - 1, buf);
	show("write(fd2, \"x\", 1): no .write", write(fd2, "x", 1));
	show("lseek(fd2, 0, SEEK_SET): no .llseek", lseek(fd2, 0, SEEK_SET));
	show("ioctl(fd2, 0): no .unlocked_ioctl", ioctl(fd2, 0));
	show("close(fd2)", close(fd2));
	show("mknod(\"/dev/nodriver\", S_IFCHR, (200, 0))", mknod("/dev/nodriver", S_IFCHR | 0600, makedev(200, 0)));
	show("open(\"/dev/nodriver\", O_RDONLY)", open("/dev/nodriver", O_RDONLY));
	show("mknod(\"/dev/nomisc\", S_IFCHR, (10, 42))", mknod("/dev/nomisc", S_IFCHR | 0600, makedev(10, 42)));
	show("open(\"/dev/nomisc\", O_RDONLY)", open("/dev/nomisc", O_RDONLY));

	printf("the kernel's devices\n");
	fd = show("open(\"/dev/null\", O_RDWR)", open("/dev/null", O_RDWR));
	show("read(null, buf, 64)", read(fd, buf, sizeof(buf)));
	show("write(null, buf, 64)", write(fd, buf, sizeof(buf)));
	close(fd);
	fd = show("open(\"/dev/zero\", O_RDONLY)", open("/dev/zero", O_RDONLY));
	buf[0] = 'x';
	show("read(zero, buf, 64)", read(fd, buf, sizeof(buf)));
	printf("  buf[0]: %d\n", buf[0]);
	close(fd);
	fd = show("open(\"/dev/full\", O_WRONLY)", open("/dev/full", O_WRONLY));
	show("write(full, \"x\", 1)", write(fd, "x", 1));
	close(fd);
	fd = show("open(\"/dev/kmsg\", O_RDWR)", open("/dev/kmsg", O_RDWR));
	show("write(kmsg, \"<5>files: hello from user space\\n\")", write(fd, "<5>files: hello from user space\n", 32));
	n = show("read(kmsg, buf, 64): the first record", read(fd, buf, sizeof(buf)));
	if (n > 0)
		printf("  buf: \"%.*s\\n\"\n", (int)n - 1, buf);
	show("read(kmsg, buf, 8): too small for a record", read(fd, buf, 8));
	close(fd);
	show("open(\"/dev/nonexistent\", O_RDONLY)", open("/dev/nonexistent", O_RDONLY));
	show("open(\"/proc/99999/status\", O_RDONLY)", open("/proc/99999/status", O_RDONLY));
	show("lseek(1, 0, SEEK_CUR): the tty", lseek(1, 0, SEEK_CUR));
	return 0;
}
