// reader — a user program's view of /proc/seqdemo: small reads that seq_read serves
// from its buffer, lseek that replays the iterator, and the errors procfs gives.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static char all[16384];

static long show(const char *what, long r)
{
	if (r < 0)
		printf("  %-40s = -1 (%s)\n", what, strerror(errno));
	else
		printf("  %-40s = %ld\n", what, r);
	return r;
}

// Reads the whole file in `chunk`-byte reads; returns the bytes read.
static long read_all(int fd, long chunk, int *calls)
{
	long total = 0, n;

	*calls = 0;
	while ((n = read(fd, all + total, chunk)) > 0) {
		total += n;
		(*calls)++;
	}
	return n < 0 ? n : total;
}

int main(void)
{
	char buf[64];
	int calls, lines = 0;
	long total, i, n;
	int fd = open("/proc/seqdemo/squares", O_RDONLY);

	printf("reader: squares, 7 bytes at a time\n");
	total = read_all(fd, 7, &calls);
	for (i = 0; i < total; i++)
		lines += all[i] == '\n';
	printf("  %ld bytes in %d reads, %d lines\n", total, calls, lines);
	printf("  first line: %.*s", (int)(strchr(all, '\n') - all + 1), all);
	show("read() at the end", read(fd, buf, sizeof buf));
	show("lseek(fd, 0, SEEK_CUR)", lseek(fd, 0, SEEK_CUR));
	show("lseek(fd, 1000, SEEK_SET)", lseek(fd, 1000, SEEK_SET));
	n = read(fd, buf, 30);
	printf("  read 30 at 1000: \"%.*s\" (%s)\n", (int)n - 1, buf,
	       memcmp(buf, all + 1000, 30) == 0 ? "as before" : "DIFFERENT");
	show("lseek(fd, 4000, SEEK_SET)", lseek(fd, 4000, SEEK_SET));
	n = read(fd, buf, 20);
	printf("  read 20 at 4000: %s\n", memcmp(buf, all + 4000, 20) == 0 ? "as before" : "DIFFERENT");
	show("lseek(fd, -10, SEEK_CUR)", lseek(fd, -10, SEEK_CUR));
	show("lseek(fd, 0, SEEK_END)", lseek(fd, 0, SEEK_END));
	show("lseek(fd, -1, SEEK_SET)", lseek(fd, -1, SEEK_SET));
	show("write() on the O_RDONLY fd", write(fd, "x", 1));
	show("lseek(fd, 0, SEEK_SET)", lseek(fd, 0, SEEK_SET));
	total = read_all(fd, 4096, &calls);
	printf("  again in 4096-byte reads: %ld bytes in %d reads\n", total, calls);
	close(fd);

	printf("reader: knob\n");
	fd = open("/proc/seqdemo/knob", O_RDWR);
	n = read(fd, buf, sizeof buf);
	printf("  read: %.*s", (int)n, buf);
	show("write(\"-15\\n\")", write(fd, "-15\n", 4));
	show("write(\"12x\")", write(fd, "12x", 3));
	show("lseek(fd, 0, SEEK_SET)", lseek(fd, 0, SEEK_SET));
	n = read(fd, buf, 2);
	printf("  read 2: %.*s\n", (int)n, buf);
	show("lseek(fd, 0, SEEK_END)", lseek(fd, 0, SEEK_END));
	show("lseek(fd, 100, SEEK_SET)", lseek(fd, 100, SEEK_SET));
	close(fd);

	printf("reader: errors\n");
	show("open(\"/proc/seqdemo/none\")", open("/proc/seqdemo/none", O_RDONLY));
	show("open(\"/proc/seqdemo\", O_WRONLY)", open("/proc/seqdemo", O_WRONLY));
	return 0;
}
