// spin: a user task that keeps the other CPU busy, so `bt -a` has two active tasks.
int main(void)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
	return 0;
}
