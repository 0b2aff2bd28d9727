/* Multi-character constants (gcc: big-endian packing into an int), char arrays
 * initialized from strings exactly their size (no terminator), 2-D char arrays. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	printf("%x %x\n", 'ab', 'abcd');
	char exact[3] = "abc";
	printf("%c%c%c %zu\n", exact[0], exact[1], exact[2], sizeof exact);
	char names[4][8] = {"one", "two", "three"};
	for (int i = 0; i < 4; i++)
		printf("[%s] %zu\n", names[i], strlen(names[i]));
	printf("%zu %zu\n", sizeof names, sizeof names[0]);
	names[3][0] = 'Z';
	printf("%s\n", names[3]);
	const char *ptrs[] = {"x", "yy", "zzz"};
	printf("%zu %zu\n", sizeof ptrs, strlen(ptrs[2]));
	return 0;
}
