/* The Josephus problem by simulation with a circular array and by recurrence. */
#include <stdio.h>

int main(void)
{
	for (int n = 1; n <= 10; n++) {
		int alive[16], count = n, idx = 0;
		for (int i = 0; i < n; i++)
			alive[i] = 1;
		while (count > 1) {
			int steps = 0;
			while (steps < 3) {
				if (alive[idx])
					steps++;
				if (steps < 3)
					idx = (idx + 1) % n;
			}
			alive[idx] = 0;
			count--;
		}
		int survivor = 0;
		for (int i = 0; i < n; i++)
			if (alive[i])
				survivor = i;
		int rec = 0;
		for (int i = 2; i <= n; i++)
			rec = (rec + 3) % i;
		printf("n=%d survivor %d recurrence %d\n", n, survivor, rec);
	}
	return 0;
}
