/* Loop counters of narrow types: char, unsigned char wrap-around, short. */
#include <stdio.h>

int main(void)
{
	for (char c = 'a'; c <= 'z'; c += 5)
		putchar(c);
	putchar('\n');
	int n = 0;
	for (unsigned char u = 250; u != 4; u++)
		n++;
	printf("%d\n", n);
	short s = 32760;
	int steps = 0;
	while (s > 0 && steps < 20) {
		s += 3;
		steps++;
	}
	printf("%d %d\n", s, steps);
	unsigned short us = 0;
	do
		us -= 1000;
	while (us > 60000);
	printf("%u\n", us);
	signed char sc = -128;
	int count = 0;
	do
		count++;
	while (++sc != -128);
	printf("%d\n", count);
	return 0;
}
