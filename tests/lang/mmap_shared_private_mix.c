/* A MAP_PRIVATE mapping right after a MAP_SHARED one (the shared one is put over the
 * first two pages of a three-page private reservation with MAP_FIXED) stays private
 * across fork(): the child's stores to it are copied on write (kernel/fork.c dup_mmap(),
 * mm/memory.c do_wp_page()), while its stores to the shared neighbour reach the parent.
 * mprotect() is per mapping too: a child making its shared view read-only leaves the
 * parent's writable, and still reads what the parent writes. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096

int main(void)
{
	char *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *shared = mmap(area, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	int *priv = (int *)(area + 2 * PAGE);
	printf("in place: %d\n", (char *)shared == area);
	shared[0] = 1, priv[0] = 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		shared[0] = 2;
		shared[PAGE / sizeof(int)] = 3;   /* the shared mapping's second page */
		priv[0] = 99;                      /* the child's own copy */
		_exit(priv[0] == 99 ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child status %d: shared %d %d, private %d\n", WEXITSTATUS(status), shared[0],
	       shared[PAGE / sizeof(int)], priv[0]);

	int go[2], back[2];
	pipe(go), pipe(back);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char c;
		int r = mprotect(shared, 2 * PAGE, PROT_READ);
		write(back[1], "r", 1);
		read(go[0], &c, 1);
		_exit(r == 0 ? shared[0] : 200);   /* reads the parent's store below */
	}
	char c;
	read(back[0], &c, 1);
	shared[0] = 42;   /* the parent's mapping is still writable */
	write(go[1], "g", 1);
	waitpid(pid, &status, 0);
	printf("read-only child saw %d\n", WEXITSTATUS(status));
	return 0;
}
