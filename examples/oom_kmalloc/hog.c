// hog — holds 24 MiB of touched anonymous memory and waits to be killed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long mib = argc > 1 ? atol(argv[1]) : 24;
	char *p = malloc(mib << 20);

	if (!p) {
		perror("malloc");
		return 1;
	}
	memset(p, 0x5a, mib << 20);
	printf("hog: holding %ld MiB\n", mib);
	fflush(stdout);
	for (;;)
		pause();
}
