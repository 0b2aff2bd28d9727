/* C11 6.3.1.1: char and short operands are promoted to int before arithmetic. */
#include <stdio.h>

int main(void)
{
	char a = 100, b = 100;
	int sum = a + b;              /* 200: computed in int, no wrap */
	char c = a + b;               /* truncated back to char: -56 */
	unsigned char ua = 200, ub = 100;
	int usum = ua + ub;           /* 300 */
	unsigned char uc = ua + ub;   /* 44 */
	short s = 30000;
	int ss = s + s;               /* 60000 */
	printf("%d %d %d %d %d\n", sum, c, usum, uc, ss);
	printf("%zu %zu %zu\n", sizeof(a + b), sizeof(+a), sizeof(ua * ub));
	printf("%d\n", (unsigned char)255 + 1);
	printf("%d\n", -ua);
	return 0;
}
