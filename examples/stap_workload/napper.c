// Sleeps 50 ms, works a little, sleeps again: woken by a timer twenty times a second.
#include <unistd.h>

int main(void)
{
	volatile unsigned long n = 0;

	for (;;) {
		usleep(50000);
		for (int i = 0; i < 2000; i++)
			n += i;
	}
	return 0;
}
