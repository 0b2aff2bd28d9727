/* ctype.h classification over all of ASCII: glibc returns the class's table bit,
 * so the raw values are printed as well as their truth. */
#include <stdio.h>
#include <ctype.h>

int main(void)
{
	int counts[12] = {0};
	for (int c = 0; c < 128; c++) {
		counts[0] += !!isalnum(c);
		counts[1] += !!isalpha(c);
		counts[2] += !!isblank(c);
		counts[3] += !!iscntrl(c);
		counts[4] += !!isdigit(c);
		counts[5] += !!isgraph(c);
		counts[6] += !!islower(c);
		counts[7] += !!isprint(c);
		counts[8] += !!ispunct(c);
		counts[9] += !!isspace(c);
		counts[10] += !!isupper(c);
		counts[11] += !!isxdigit(c);
	}
	for (int i = 0; i < 12; i++)
		printf("%d ", counts[i]);
	printf("\n");
	const char *probe = "aZ5 \t\n!~\x7f";
	for (const char *p = probe; *p; p++)
		printf("%3d: %d %d %d %d %d %d\n", *p, isalpha(*p), isdigit(*p), isspace(*p), ispunct(*p), iscntrl(*p), isprint(*p));
	printf("%d %d\n", isalpha(EOF), isdigit(-1));
	return 0;
}
