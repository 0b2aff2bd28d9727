// CPU-bound: never enters the kernel on its own until it is done. It loses the CPU only
// when the timer interrupt (a mode switch into the kernel on its stack) finds that
// another task should run, and the kernel switches away on the way back to user mode.
#include <stdio.h>

int main(void)
{
	unsigned long sum = 0;

	for (unsigned long i = 0; i < 400000; i++)
		sum += i * i;
	printf("hog: done (%lu)\n", sum);
	return 0;
}
