// One side of the ping-pong: print, then give the CPU away with sched_yield(). Each round
// is two mode switches (write, sched_yield) and, when another task is runnable, one
// context switch inside sched_yield.
#include <stdio.h>
#include <sched.h>

int main(void)
{
	for (int i = 1; i <= 3; i++) {
		printf("ping %d\n", i);
		sched_yield();
	}
	return 0;
}
