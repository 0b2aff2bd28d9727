// share — maps /dev/mmapbuf and shows that the mapping and the driver's read(2) and
// write(2) see one page; then the errors mmap(2) gives.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void try_map(const char *what, int fd, size_t len, int prot, int flags, off_t off)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);

	if (p == MAP_FAILED) {
		printf("%-44s = MAP_FAILED %s\n", what, strerror(errno));
		return;
	}
	printf("%-44s = a mapping\n", what);
	munmap(p, len);
}

int main(void)
{
	char back[64];
	int fd = open("/dev/mmapbuf", O_RDWR);
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	long n;

	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return 1;
	}
	printf("the mapping reads \"%s\"\n", p);
	strcpy(p, "written through the mapping");
	n = read(fd, back, sizeof(back) - 1);
	back[n > 0 ? n : 0] = '\0';
	printf("read(2) gives %ld bytes: \"%s\"\n", n, back);
	write(fd, "written by write(2)", 19);
	printf("the mapping now reads \"%s\"\n", p);
	munmap(p, 4096);
	strcpy(back, "unmapped");
	printf("after munmap: %s\n", back);

	try_map("mmap(2 pages)", fd, 8192, PROT_READ, MAP_SHARED, 0);
	try_map("mmap(offset 4096)", fd, 4096, PROT_READ, MAP_SHARED, 4096);
	try_map("mmap(offset 100)", fd, 4096, PROT_READ, MAP_SHARED, 100);
	try_map("mmap(length 0)", fd, 0, PROT_READ, MAP_SHARED, 0);
	close(fd);
	fd = open("/dev/mmapbuf", O_RDONLY);
	try_map("O_RDONLY: mmap(PROT_WRITE, MAP_SHARED)", fd, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	try_map("O_RDONLY: mmap(PROT_READ, MAP_SHARED)", fd, 4096, PROT_READ, MAP_SHARED, 0);
	close(fd);
	fd = open("/dev/null", O_RDWR);
	try_map("/dev/null: mmap (no ->mmap)", fd, 4096, PROT_READ, MAP_SHARED, 0);
	close(fd);
	try_map("closed fd", fd, 4096, PROT_READ, MAP_SHARED, 0);
	return 0;
}
