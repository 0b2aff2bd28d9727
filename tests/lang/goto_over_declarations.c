/* goto may jump over declarations (without initializers taking effect) and into
 * blocks; labels have their own namespace. */
#include <stdio.h>

int main(void)
{
	int x = 0;
	goto skip;
	x = 100;
skip:
	printf("%d\n", x);
	int label = 5;
	goto label;
label:
	printf("%d\n", label);
	int tries = 0;
retry:
	tries++;
	if (tries < 3)
		goto retry;
	printf("%d\n", tries);
	{
		int inner = 1;
		if (inner)
			goto after_block;
		printf("not printed\n");
	}
after_block:
	printf("after\n");
	return 0;
}
