/* In-place string manipulation: reverse words, palindromes, run-length encoding. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static void reverse(char *b, char *e) { while (b < --e) { char t = *b; *b++ = *e; *e = t; } }

static int palindrome(const char *s)
{
	const char *e = s + strlen(s) - 1;
	while (s < e) {
		while (s < e && !isalnum((unsigned char)*s)) s++;
		while (s < e && !isalnum((unsigned char)*e)) e--;
		if (tolower((unsigned char)*s++) != tolower((unsigned char)*e--))
			return 0;
	}
	return 1;
}

int main(void)
{
	char s[] = "the kernel schedules tasks";
	reverse(s, s + strlen(s));
	for (char *w = s; *w;) {
		char *e = w;
		while (*e && *e != ' ')
			e++;
		reverse(w, e);
		w = *e ? e + 1 : e;
	}
	printf("%s\n", s);
	printf("%d %d\n", palindrome("A man, a plan, a canal: Panama"), palindrome("kernel"));
	const char *in = "aaabccddddde";
	for (const char *p = in; *p;) {
		const char *q = p;
		while (*q == *p)
			q++;
		printf("%td%c", q - p, *p);
		p = q;
	}
	printf("\n");
	return 0;
}
