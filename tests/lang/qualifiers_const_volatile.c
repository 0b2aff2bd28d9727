/* const and volatile qualifiers: reads, pointer-to-const, const pointers. */
#include <stdio.h>

static const int limit = 10;
static volatile int ticks;

static int sum(const int *v, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

int main(void)
{
	const int local = 5;
	int data[] = {1, 2, 3};
	int *const fixed = data;
	fixed[1] = 20;
	const int *ro = data;
	ro++;
	printf("%d %d %d\n", limit, local, *ro);
	printf("%d\n", sum(data, 3));
	for (int i = 0; i < limit; i++)
		ticks++;
	printf("%d\n", ticks);
	volatile long v = 3;
	v *= 7;
	printf("%ld\n", v);
	const char *const words[] = {"const", "words"};
	printf("%s %s\n", words[0], words[1]);
	const volatile unsigned cv = 0xff;
	printf("%u\n", cv & 0xf);
	return 0;
}
