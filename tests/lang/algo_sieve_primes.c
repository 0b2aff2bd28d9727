/* Sieve of Eratosthenes over a char array. */
#include <stdio.h>
#include <string.h>

#define N 1000

int main(void)
{
	static char composite[N + 1];
	memset(composite, 0, sizeof composite);
	for (int i = 2; i * i <= N; i++)
		if (!composite[i])
			for (int j = i * i; j <= N; j += i)
				composite[j] = 1;
	int count = 0, last = 0;
	long sum = 0;
	for (int i = 2; i <= N; i++)
		if (!composite[i]) {
			count++;
			sum += i;
			last = i;
			if (count <= 10)
				printf("%d ", i);
		}
	printf("\n%d primes, sum %ld, largest %d\n", count, sum, last);
	return 0;
}
