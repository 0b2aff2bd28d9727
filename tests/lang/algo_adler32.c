/* Adler-32 checksum: modulo arithmetic in a loop. */
#include <stdio.h>
#include <string.h>

static unsigned long adler32(const char *data, size_t len)
{
	unsigned long a = 1, b = 0;
	for (size_t i = 0; i < len; i++) {
		a = (a + (unsigned char)data[i]) % 65521;
		b = (b + a) % 65521;
	}
	return (b << 16) | a;
}

int main(void)
{
	const char *s = "Wikipedia";
	printf("%08lx\n", adler32(s, strlen(s)));
	char big[1000];
	for (int i = 0; i < 1000; i++)
		big[i] = (char)(i * 7 + 3);
	printf("%08lx\n", adler32(big, sizeof big));
	return 0;
}
