/* A fork() of a fork(): three processes map one MAP_SHARED object, so the grandchild's
 * store reaches its grandparent, and each generation's answer is on the same page. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	int *v = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	v[0] = 1;
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		v[1] = v[0] + 1;
		pid_t grandchild = fork();
		if (grandchild == 0) {
			v[2] = v[1] + 1;
			v[0] = 100;
			_exit(0);
		}
		waitpid(grandchild, NULL, 0);
		v[3] = v[0] + v[2];   /* sees the grandchild's stores */
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("%d %d %d %d\n", v[0], v[1], v[2], v[3]);
	return 0;
}
