/* %x/%X with '#', precision, width and zero padding, including zero values. */
#include <stdio.h>

int main(void)
{
	printf("[%#x][%#X][%#.0x][%.0x][%#5x]\n", 0, 0, 0, 0, 0);
	printf("[%#8.4x][%#-8.4X|][%08.4x]\n", 0xab, 0xab, 0xab);
	printf("[%x][%X][%#lx]\n", 0xabcdefu, 0xabcdefu, 0xfffffffffful);
	printf("[%2x][%02x][%02x]\n", 5, 5, 0x1ff);
	return 0;
}
