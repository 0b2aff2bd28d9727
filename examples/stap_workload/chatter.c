// Copies /dev/zero to /dev/null in small reads and writes, napping every tenth round:
// a steady stream of read, write and clock_nanosleep system calls.
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int zero = open("/dev/zero", O_RDONLY);
	int null = open("/dev/null", O_WRONLY);

	for (int i = 0;; i++) {
		read(zero, buf, sizeof buf);
		write(null, buf, sizeof buf);
		if (i % 10 == 9)
			usleep(20000);
	}
	return 0;
}
