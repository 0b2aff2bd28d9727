/* toupper/tolower leave non-letters alone (EOF included). */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

int main(void)
{
	char s[] = "Hello, World! 123 _xyz_";
	for (size_t i = 0; i < strlen(s); i++)
		s[i] = (char)toupper((unsigned char)s[i]);
	printf("%s\n", s);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	printf("%s\n", s);
	printf("%d %d %d %d\n", toupper('a'), tolower('A'), toupper('1'), tolower(EOF));
	int words = 0, in_word = 0;
	for (const char *p = "  the quick\tbrown  fox\n"; *p; p++) {
		if (isspace((unsigned char)*p))
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	printf("%d words\n", words);
	return 0;
}
