// user — maps /dev/ring twice in a row, meets -EBUSY while it is mapped, and leaves a
// word in each page for the driver's vm_ops->close to print.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	int fd = open("/dev/ring", O_RDWR);
	unsigned int *p, *again;
	int round;

	for (round = 0; round < 2; round++) {
		p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			printf("mmap: %s\n", strerror(errno));
			return 1;
		}
		printf("mapping %u\n", p[0]);
		again = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		printf("a second mmap: %s\n", again == MAP_FAILED ? strerror(errno) : "mapped");
		p[0] = 0xa0 + round;
		p[1024] = 0xb0 + round;
		munmap(p, 8192);
	}
	p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("MAP_PRIVATE: %s\n", p == MAP_FAILED ? strerror(errno) : "mapped");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	printf("one page: %s\n", p == MAP_FAILED ? strerror(errno) : "mapped");
	close(fd);
	return 0;
}
