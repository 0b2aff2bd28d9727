/* malloc, calloc (zeroed), realloc (keeps the old contents), free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	int *a = malloc(10 * sizeof *a);
	for (int i = 0; i < 10; i++)
		a[i] = i * 3;
	a = realloc(a, 20 * sizeof *a);
	for (int i = 10; i < 20; i++)
		a[i] = -i;
	long sum = 0;
	for (int i = 0; i < 20; i++)
		sum += a[i];
	printf("%ld\n", sum);
	free(a);
	double *z = calloc(8, sizeof *z);
	double t = 0;
	for (int i = 0; i < 8; i++)
		t += z[i];
	printf("%.1f\n", t);
	free(z);
	char *s = malloc(6);
	strcpy(s, "hello");
	s = realloc(s, 12);
	strcat(s, " world");
	printf("%s\n", s);
	free(s);
	char *small = realloc(NULL, 4);
	small[0] = 'o';
	small[1] = 'k';
	small[2] = 0;
	printf("%s\n", small);
	free(small);
	free(NULL);
	return 0;
}
