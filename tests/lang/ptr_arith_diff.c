/* Pointer arithmetic scales by the pointee size; differences are in elements. */
#include <stdio.h>
#include <stddef.h>

int main(void)
{
	int a[10];
	for (int i = 0; i < 10; i++)
		a[i] = i * i;
	int *p = a, *q = &a[7];
	printf("%td\n", q - p);
	printf("%td\n", p - q);
	printf("%d %d\n", *(p + 3), *(q - 2));
	printf("%d\n", p[5] == *(a + 5));
	printf("%d\n", 4[a]);
	double d[4];
	printf("%td\n", (char *)&d[3] - (char *)&d[0]);
	printf("%td\n", &d[3] - d);
	ptrdiff_t diff = &a[9] - &a[1];
	printf("%td\n", diff);
	p += 4;
	p -= 1;
	printf("%d\n", *p);
	printf("%d\n", *p++);
	printf("%d\n", *++p);
	printf("%d\n", (*p)++);
	printf("%d\n", a[5]);
	return 0;
}
