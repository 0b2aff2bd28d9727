/* float arguments to printf are promoted to double; char and short to int. */
#include <stdio.h>

int main(void)
{
	float f = 1.1f;
	printf("%f %.10f %e\n", f, f, f);
	printf("%g\n", f * 2);
	char c = 'x';
	short s = -300;
	printf("%d %c %d\n", c, c, s);
	float arr[3] = {0.5f, 0.25f, 0.125f};
	for (int i = 0; i < 3; i++)
		printf("%.4f ", arr[i]);
	printf("\n");
	_Bool b = 1;
	printf("%d\n", b);
	return 0;
}
