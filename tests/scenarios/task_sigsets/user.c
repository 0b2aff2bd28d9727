/* Blocks SIGUSR1 and SIGTERM, raises SIGUSR1, then writes to /dev/sigsets: the module
 * sees bit SIGUSR1 - 1 pending and bits SIGUSR1 - 1 and SIGTERM - 1 blocked. */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int main(void)
{
	sigset_t set;
	int fd = open("/dev/sigsets", O_WRONLY);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	write(fd, "x", 1);
	raise(SIGUSR1);
	write(fd, "x", 1);
	close(fd);
	return 0;
}
