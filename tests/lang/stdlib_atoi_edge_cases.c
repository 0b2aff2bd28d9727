/* atoi/atol/strtol on whitespace, signs, leading zeros and stop characters. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	const char *in[] = {"0", "-0", "+0", "007", "\t\n 42", "12abc", "-", "+-3", " - 3", "2147483647", "1e5", "0x1A"};
	for (int i = 0; i < 12; i++)
		printf("[%s] %d %ld\n", in[i], atoi(in[i]), strtol(in[i], NULL, 0));
	return 0;
}
