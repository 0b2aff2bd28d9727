/* printf %%, '*' widths and precisions (negative width means left-justify). */
#include <stdio.h>

int main(void)
{
	printf("100%%\n");
	printf("%%d %%s %%%%\n");
	printf("[%*d]\n", 6, 42);
	printf("[%-*d]\n", 6, 42);
	printf("[%*d]\n", -6, 42);
	printf("[%.*d]\n", 4, 7);
	printf("[%*.*f]\n", 10, 3, 3.14159);
	printf("[%.*s]\n", 3, "abcdef");
	printf("[%.*s]\n", -1, "abcdef");
	printf("[%*s]\n", 4, "");
	for (int w = 1; w <= 4; w++)
		printf("[%*d]", w, w);
	printf("\n");
	return 0;
}
