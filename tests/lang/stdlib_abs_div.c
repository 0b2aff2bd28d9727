/* abs and labs, and exit statuses computed from them. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("%d %d %d\n", abs(-5), abs(5), abs(0));
	printf("%ld %ld\n", labs(-5000000000l), labs(7l));
	int vals[] = {-3, 8, -12, 0, 4};
	int total = 0;
	for (int i = 0; i < 5; i++)
		total += abs(vals[i]);
	printf("%d\n", total);
	return abs(-3);
}
