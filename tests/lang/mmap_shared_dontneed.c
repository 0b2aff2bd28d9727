/* MADV_DONTNEED drops a mapping's pages: a MAP_PRIVATE anonymous page reads back as
 * zeros, but a MAP_SHARED one only loses this process's page table entry and reads back
 * its contents from the shmem object (mm/madvise.c madvise_dontneed_single_vma() ->
 * zap_page_range(); mm/memory.c zap_pte_range() leaves a page that is not PageAnon in
 * the page cache; shmem_fault() finds it again). The same holds in a fork() child and
 * for what the other process sees. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096

int main(void)
{
	char *shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared[0] = 's', shared[PAGE] = 'S';
	priv[0] = 'p', priv[PAGE] = 'P';
	printf("madvise: %d %d\n", madvise(shared, 2 * PAGE, MADV_DONTNEED), madvise(priv, 2 * PAGE, MADV_DONTNEED));
	printf("shared keeps %c%c, private reads %d %d\n", shared[0], shared[PAGE], priv[0], priv[PAGE]);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		shared[1] = 't';
		madvise(shared, 2 * PAGE, MADV_DONTNEED);
		_exit(shared[0] == 's' && shared[1] == 't' ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child status %d, parent sees %c%c\n", WEXITSTATUS(status), shared[0], shared[1]);
	madvise(shared + PAGE, PAGE, MADV_DONTNEED);
	shared[PAGE + 1] = 'T';
	printf("after a second madvise: %c%c\n", shared[PAGE], shared[PAGE + 1]);
	return 0;
}
