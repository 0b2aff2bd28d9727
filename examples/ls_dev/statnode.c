// What a driver book's test program does before it opens a node: stat() it, check that
// it is a character device and print its numbers; then list /dev with opendir()/readdir()
// (in the file system's own order: devtmpfs lists the newest first) and show the errors
// stat() gives for a missing name and for a path through a file.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void show(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		printf("stat %s: %s\n", path, strerror(errno));
		return;
	}
	printf("%s: %s, mode %04o, size %ld, links %lu", path,
	       S_ISCHR(st.st_mode) ? "character device" : S_ISDIR(st.st_mode) ? "directory" : "regular file",
	       st.st_mode & 07777, (long)st.st_size, (unsigned long)st.st_nlink);
	if (S_ISCHR(st.st_mode))
		printf(", device %u:%u", major(st.st_rdev), minor(st.st_rdev));
	printf("\n");
}

int main(void)
{
	struct stat st;
	struct dirent *e;
	DIR *dir;
	char buf[16];
	int fd;

	show("/dev/beeper1");
	show("/dev/mybeeper");
	show("/sys/class/beeper/beeper0/dev");
	show("/proc/devices");
	show("/sys/class/beeper");
	show("/dev/nope");
	show("/dev/beeper0/x");

	fd = open("/dev/beeper0", O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror("beeper0");
		return 1;
	}
	printf("fstat: device %u:%u, read \"%.*s\"", major(st.st_rdev), minor(st.st_rdev),
	       (int)read(fd, buf, sizeof(buf)) - 1, buf);
	printf("\n");
	close(fd);

	dir = opendir("/dev");
	if (!dir) {
		perror("opendir");
		return 1;
	}
	printf("/dev:");
	while ((e = readdir(dir)))
		printf(" %s%s", e->d_name, e->d_type == DT_CHR ? "" : "/");
	printf("\n");
	closedir(dir);
	return 0;
}
