/* main(argc, argv): one argument, the program's name as the shell ran it. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	printf("argv[0]=%s\n", argv[0]);
	printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
	const char *base = strrchr(argv[0], '/');
	printf("%s\n", base ? base + 1 : argv[0]);
	return argc;
}
