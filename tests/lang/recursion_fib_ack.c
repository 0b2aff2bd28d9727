/* Recursion: Fibonacci, Ackermann, mutual recursion. */
#include <stdio.h>

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int ack(int m, int n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

int is_odd(int n);
int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }

int main(void)
{
	for (int i = 0; i <= 20; i += 5)
		printf("fib(%d) = %ld\n", i, fib(i));
	printf("ack(2, 3) = %d\n", ack(2, 3));
	printf("ack(3, 3) = %d\n", ack(3, 3));
	printf("%d %d\n", is_even(10), is_odd(7));
	return 0;
}
