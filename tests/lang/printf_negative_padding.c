/* printf padding of negative numbers and zero with every flag combination. */
#include <stdio.h>

int main(void)
{
	int v[] = {-42, 0, 42};
	for (int i = 0; i < 3; i++)
		printf("[%6d][%-6d][%06d][%+6d][% 6d][%+06d][%-+6d][% -6d][%.3d][%6.3d][%-6.3d]\n",
		       v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i]);
	printf("[%06.2d]\n", 5);
	printf("[%-06d]\n", 5);
	printf("[%+u]\n", 5u);
	printf("[% x]\n", 255);
	printf("[%#6x][%#-6x][%#06x]\n", 10, 10, 10);
	printf("[%08.3f][%-8.3f][%+08.3f]\n", -1.5, -1.5, 1.5);
	return 0;
}
