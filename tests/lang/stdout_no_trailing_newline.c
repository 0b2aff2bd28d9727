/* Output without a final newline is still flushed at exit. */
#include <stdio.h>

int main(void)
{
	printf("partial line, ");
	printf("still partial");
	return 0;
}
