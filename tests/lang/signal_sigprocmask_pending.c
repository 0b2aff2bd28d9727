/* A blocked signal stays pending and is delivered when unblocked. */
#include <stdio.h>
#include <signal.h>

static volatile sig_atomic_t hits;
static void handler(int sig) { (void)sig; hits++; }

int main(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set, old, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	raise(SIGUSR1);
	printf("while blocked: %d\n", hits);
	sigpending(&pend);
	printf("pending: %d %d\n", sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("after unblock: %d\n", hits);
	return 0;
}
