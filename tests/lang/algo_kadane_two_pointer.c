/* Maximum subarray (Kadane) and a two-pointer pair search on a sorted array. */
#include <stdio.h>

int main(void)
{
	int a[] = {-2, 1, -3, 4, -1, 2, 1, -5, 4};
	int best = a[0], cur = 0, start = 0, bs = 0, be = 0;
	for (int i = 0; i < 9; i++) {
		if (cur <= 0) {
			cur = a[i];
			start = i;
		} else {
			cur += a[i];
		}
		if (cur > best) {
			best = cur;
			bs = start;
			be = i;
		}
	}
	printf("max %d at [%d, %d]\n", best, bs, be);
	int s[] = {1, 3, 4, 6, 8, 11, 15};
	int target = 14, lo = 0, hi = 6;
	while (lo < hi) {
		int sum = s[lo] + s[hi];
		if (sum == target)
			break;
		if (sum < target)
			lo++;
		else
			hi--;
	}
	printf("%d + %d = %d\n", s[lo], s[hi], target);
	return 0;
}
