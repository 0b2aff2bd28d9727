// peek DEVICE ADDRESS LENGTH — reads LENGTH bytes of physical memory at ADDRESS through
// DEVICE (/dev/mem or /dev/crash) in one read() and dumps them as `hexdump -C` does.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static unsigned char buf[4096];

static void dump(unsigned long addr, long n)
{
	long i, j;
	int starred = 0;

	for (i = 0; i < n; i += 16) {
		if (i > 0 && i + 16 <= n && memcmp(buf + i, buf + i - 16, 16) == 0) {
			if (!starred)
				printf("*\n");
			starred = 1;
			continue;
		}
		starred = 0;
		printf("%08lx ", addr + i);
		for (j = 0; j < 16; j++) {
			if (j == 8)
				printf(" ");
			if (i + j < n)
				printf(" %02x", buf[i + j]);
			else
				printf("   ");
		}
		printf("  |");
		for (j = 0; j < 16 && i + j < n; j++)
			putchar(buf[i + j] >= 32 && buf[i + j] < 127 ? buf[i + j] : '.');
		printf("|\n");
	}
	printf("%08lx\n", addr + n);
}

int main(int argc, char **argv)
{
	unsigned long addr;
	long len, n;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: peek DEVICE ADDRESS LENGTH\n");
		return 2;
	}
	addr = strtoul(argv[2], NULL, 0);
	len = atol(argv[3]);
	if (len > (long)sizeof(buf))
		len = sizeof(buf);
	printf("peek %s %#lx %ld\n", argv[1], addr, len);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		printf("open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (lseek(fd, addr, SEEK_SET) == -1) {
		printf("lseek: %s\n", strerror(errno));
		return 1;
	}
	n = read(fd, buf, len);
	if (n < 0) {
		printf("read: %s\n", strerror(errno));
		return 1;
	}
	dump(addr, n);
	close(fd);
	return 0;
}
