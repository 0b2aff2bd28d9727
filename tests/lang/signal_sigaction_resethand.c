/* SA_RESETHAND restores the default action after the first delivery; the old
 * action comes back from sigaction(). */
#include <stdio.h>
#include <signal.h>

static volatile sig_atomic_t count;
static void handler(int sig) { (void)sig; count++; }

int main(void)
{
	struct sigaction sa = {0}, old;
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	printf("count %d\n", count);
	sigaction(SIGUSR2, NULL, &old);
	printf("reset to default: %d\n", old.sa_handler == SIG_DFL);
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGUSR2, &sa, &old);
	printf("handler kept: %d\n", old.sa_handler == handler);
	raise(SIGUSR2);
	raise(SIGUSR2);
	printf("count %d\n", count);
	return 0;
}
