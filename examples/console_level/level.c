// syslog(2)'s console actions as klogctl(3) makes them (LDD3's setlevel is the third):
// 6 CONSOLE_OFF, 7 CONSOLE_ON, 8 CONSOLE_LEVEL with the level in len (1..8).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

int main(int argc, char **argv)
{
	int action = atoi(argv[1]);
	int len = argc > 2 ? atoi(argv[2]) : 0;

	if (klogctl(action, NULL, len) < 0) {
		printf("klogctl(%d, NULL, %d): %s\n", action, len, strerror(errno));
		return 1;
	}
	printf("klogctl(%d, NULL, %d): 0\n", action, len);
	return 0;
}
