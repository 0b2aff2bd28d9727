/* Globals with initializers: scalars, arrays, strings, pointers to other globals. */
#include <stdio.h>

int zero_init;
int answer = 42;
long big = -1234567890123l;
double ratio = 2.5;
char letter = 'k';
int primes[] = {2, 3, 5, 7, 11};
char greeting[] = "hello";
const char *motto = "carpe diem";
int *p_answer = &answer;
int *p_third_prime = &primes[2];
char *p_greet_tail = greeting + 3;
unsigned short shorts[4] = {1, 65535};
const char *table[] = {"zero", "one", "two"};
int sizes[] = {sizeof(int), sizeof(long), sizeof primes / sizeof primes[0]};

int main(void)
{
	printf("%d %d %ld %.1f %c\n", zero_init, answer, big, ratio, letter);
	for (int i = 0; i < 5; i++)
		printf("%d ", primes[i]);
	printf("\n%s %s %zu\n", greeting, motto, sizeof greeting);
	printf("%d %d %s\n", *p_answer, *p_third_prime, p_greet_tail);
	answer = 7;
	printf("%d\n", *p_answer);
	printf("%u %u %u %u\n", shorts[0], shorts[1], shorts[2], shorts[3]);
	printf("%s %s\n", table[2], table[0]);
	printf("%d %d %d\n", sizes[0], sizes[1], sizes[2]);
	return 0;
}
