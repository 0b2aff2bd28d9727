// Keeps a CPU busy in user mode, never entering the kernel: what timer.profile sees
// as user ticks.
int main(void)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
	return 0;
}
