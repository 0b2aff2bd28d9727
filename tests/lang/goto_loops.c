/* goto backward (a loop), forward out of nested loops, and into a block. */
#include <stdio.h>

int main(void)
{
	int i = 0;
again:
	printf("%d ", i);
	if (++i < 5)
		goto again;
	printf("\n");

	int found_r = -1, found_c = -1;
	for (int r = 0; r < 5; r++)
		for (int c = 0; c < 5; c++)
			if (r * c == 6) {
				found_r = r;
				found_c = c;
				goto done;
			}
done:
	printf("%d %d\n", found_r, found_c);

	int n = 3;
	goto middle;
	while (n > 0) {
		printf("top %d\n", n);
middle:
		printf("middle %d\n", n);
		n--;
	}
	return 0;
}
