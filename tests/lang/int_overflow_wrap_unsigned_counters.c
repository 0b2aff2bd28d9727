/* 32-bit counters wrapping around, compared the jiffies way (signed difference). */
#include <stdio.h>

#define time_after(a, b) ((int)((b) - (a)) < 0)

int main(void)
{
	unsigned now = 4294967290u, deadline = now + 10;
	printf("%u %d %d\n", deadline, time_after(now, deadline), now < deadline);
	for (int i = 0; i < 12; i += 4) {
		unsigned t = now + i * 2;
		printf("%u after deadline: %d\n", t, time_after(t, deadline));
	}
	return 0;
}
