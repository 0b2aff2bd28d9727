/* sleep(0), usleep(0), alarm(0) and nanosleep of zero return at once with 0. */
#include <stdio.h>
#include <unistd.h>
#include <time.h>

int main(void)
{
	printf("%u\n", sleep(0));
	printf("%d\n", usleep(0));
	printf("%u\n", alarm(0));
	struct timespec ts = {0, 0};
	printf("%d\n", nanosleep(&ts, NULL));
	printf("%d\n", sched_yield());
	return 0;
}
