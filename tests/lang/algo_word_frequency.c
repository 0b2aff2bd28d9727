/* Counting letter frequencies and printing a small histogram. */
#include <stdio.h>
#include <ctype.h>

int main(void)
{
	const char *text = "Linux kernel execution contexts: hardirq, softirq, task.";
	int freq[26] = {0}, total = 0;
	for (const char *p = text; *p; p++)
		if (isalpha((unsigned char)*p)) {
			freq[tolower((unsigned char)*p) - 'a']++;
			total++;
		}
	for (int i = 0; i < 26; i++)
		if (freq[i] >= 3) {
			printf("%c %2d ", 'a' + i, freq[i]);
			for (int k = 0; k < freq[i]; k++)
				putchar('*');
			putchar('\n');
		}
	printf("%d letters\n", total);
	return 0;
}
