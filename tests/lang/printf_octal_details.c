/* %o with '#', precision and width: the 0 prefix appears only when needed. */
#include <stdio.h>

int main(void)
{
	printf("[%o][%#o][%#o][%#5o][%-#5o|][%#05o]\n", 0, 0, 1, 8, 8, 8);
	printf("[%.3o][%#.3o][%#.1o]\n", 8, 8, 8);
	printf("[%lo][%#lo]\n", 0777777777777ul, 01ul);
	printf("[%ho][%hho]\n", 0x10008, 0x1ff);
	return 0;
}
