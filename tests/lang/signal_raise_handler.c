/* A handler installed with signal() runs synchronously inside raise(). */
#include <stdio.h>
#include <signal.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got += sig;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	printf("raise: %d\n", raise(SIGUSR1));
	printf("got %d\n", got);
	raise(SIGUSR1);
	printf("got %d\n", got);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	printf("ignored SIGUSR2\n");
	return 0;
}
