/* Pointer -> uintptr_t -> pointer round trips, and integer differences of addresses
 * within one object (never the absolute values). */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
	long arr[4] = {1, 2, 3, 4};
	uintptr_t a = (uintptr_t)&arr[0], b = (uintptr_t)&arr[3];
	printf("%lu\n", (unsigned long)(b - a));
	long *back = (long *)(a + 2 * sizeof(long));
	printf("%ld\n", *back);
	printf("%d\n", (uintptr_t)(void *)0 == 0);
	printf("%d\n", ((uintptr_t)&arr[1] & 7) == 0);
	return 0;
}
