#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int fd = open("/dev/pages", O_RDWR);
	char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int status;

	printf("page 0: %s\n", p);
	printf("page 2: %s\n", p + 2 * 4096);
	strcpy(p + 4096, "written by user");
	printf("page 1: %s\n", p + 4096);
	if (fork() == 0) {
		printf("child touches page 3\n");
		fflush(stdout);
		return p[3 * 4096];
	}
	wait(&status);
	printf("child: %s\n", WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited");
	munmap(p, 4 * 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	strcpy(p, "private");
	printf("private copy: %s\n", p);
	munmap(p, 4096);
	close(fd);
	return 0;
}
