/* Right-aligning and centring words with %*s and computed widths. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *words[] = {"softirq", "hardirq", "nmi", "task", "kworker/0:1"};
	int width = 0;
	for (int i = 0; i < 5; i++)
		if ((int)strlen(words[i]) > width)
			width = strlen(words[i]);
	for (int i = 0; i < 5; i++) {
		int len = strlen(words[i]);
		int left = (width - len) / 2;
		printf("|%*s|%-*s|%*s%s%*s|\n", width, words[i], width, words[i], left, "", words[i], width - len - left, "");
	}
	return 0;
}
