/* Increments on distinct objects inside larger expressions (no unsequenced use). */
#include <stdio.h>

int main(void)
{
	int a = 1, b = 10;
	int r = a++ * 2 + --b;
	printf("%d %d %d\n", r, a, b);
	int arr[4] = {1, 2, 3, 4}, i = 0;
	int s = arr[i++];
	s += arr[i++];
	printf("%d %d\n", s, i);
	int *p = arr;
	int t = *p++;
	t += *p;
	printf("%d\n", t);
	long l = 5, m = -l++;
	printf("%ld %ld\n", l, m);
	return 0;
}
