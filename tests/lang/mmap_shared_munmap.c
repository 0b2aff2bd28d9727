/* munmap() of a MAP_SHARED mapping removes one process's view only: the shmem object
 * behind it lives while any process maps it (mm/shmem.c; the file's last fput()).
 * A child that unmaps all or part of its copy leaves the parent's intact, the pages it
 * keeps still line up with the parent's (the split mapping keeps its page offset), and a
 * child still reads and writes the object after the parent has unmapped it. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096

static int wait_status(pid_t pid)
{
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

int main(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p[0] = 'a', p[PAGE] = 'b', p[2 * PAGE] = 'c';
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		p[0] = 'A';
		_exit(munmap(p, 3 * PAGE) == 0 ? 7 : 1);
	}
	int status = wait_status(pid);   /* before the loads: argument order is unspecified */
	printf("child unmapped all: status %d, parent sees %c%c%c\n", status, p[0], p[PAGE], p[2 * PAGE]);
	p[0] = 'x';
	printf("parent still writes: %c\n", p[0]);

	pid = fork();
	if (pid == 0) {
		/* Unmap the first page: the rest is the object's pages 1 and 2 still. */
		if (munmap(p, PAGE))
			_exit(1);
		p[PAGE + 1] = 'B', p[2 * PAGE + 1] = 'C';
		_exit(8);
	}
	status = wait_status(pid);
	printf("child unmapped one page: status %d, parent sees %c %c%c %c%c\n", status, p[0], p[PAGE], p[PAGE + 1],
	       p[2 * PAGE], p[2 * PAGE + 1]);

	int go[2];
	pipe(go);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char c;
		read(go[0], &c, 1);   /* the parent has unmapped its copy by now */
		p[2] += p[1] + 1;     /* 'b' + 1 on top of p[2] */
		_exit(p[2] == 'b' + 1 + 5 ? 9 : 2);
	}
	p[1] = 'b', p[2] = 5;
	munmap(p, 3 * PAGE);
	write(go[1], "g", 1);
	printf("parent unmapped first: child status %d\n", wait_status(pid));
	return 0;
}
