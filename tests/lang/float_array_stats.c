/* Mean, variance and min/max of a double array. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	double v[] = {2.5, 3.75, -1.0, 8.125, 0.0, 4.5, 3.0};
	int n = sizeof v / sizeof v[0];
	double sum = 0, mn = v[0], mx = v[0];
	for (int i = 0; i < n; i++) {
		sum += v[i];
		if (v[i] < mn) mn = v[i];
		if (v[i] > mx) mx = v[i];
	}
	double mean = sum / n, var = 0;
	for (int i = 0; i < n; i++)
		var += (v[i] - mean) * (v[i] - mean);
	var /= n - 1;
	printf("%.6f %.6f %.6f %.3f %.3f\n", mean, var, sqrt(var), mn, mx);
	return 0;
}
