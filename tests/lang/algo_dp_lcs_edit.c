/* Dynamic programming over 2-D arrays: longest common subsequence, edit distance. */
#include <stdio.h>
#include <string.h>

static int min3(int a, int b, int c) { int m = a < b ? a : b; return m < c ? m : c; }

static int lcs(const char *a, const char *b)
{
	int n = strlen(a), m = strlen(b);
	int t[32][32];
	for (int i = 0; i <= n; i++)
		for (int j = 0; j <= m; j++)
			t[i][j] = !i || !j ? 0 : a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
	return t[n][m];
}

static int edit(const char *a, const char *b)
{
	int n = strlen(a), m = strlen(b);
	int d[32][32];
	for (int i = 0; i <= n; i++)
		d[i][0] = i;
	for (int j = 0; j <= m; j++)
		d[0][j] = j;
	for (int i = 1; i <= n; i++)
		for (int j = 1; j <= m; j++)
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
	return d[n][m];
}

int main(void)
{
	printf("%d %d\n", lcs("ABCBDAB", "BDCABA"), lcs("kernel", "kestrel"));
	printf("%d %d %d\n", edit("kitten", "sitting"), edit("", "abc"), edit("flaw", "lawn"));
	return 0;
}
