/* Side effects in the skipped operand of && and || never happen. */
#include <stdio.h>

int main(void)
{
	int i = 0, j = 0;
	if (i++ && j++)
		printf("no\n");
	printf("%d %d\n", i, j);
	if (i++ || j++)
		printf("yes\n");
	printf("%d %d\n", i, j);
	int k = 0;
	int r = (k = 5) || (k = 7);
	printf("%d %d\n", r, k);
	int arr[3] = {1, 2, 3};
	int n = 5;
	int idx = (n < 3 && arr[n] > 0);
	printf("%d\n", idx);
	int *p = NULL;
	printf("%d\n", p != NULL && *p == 0);
	return 0;
}
