/* Base64 encoding: bit extraction with shifts and masks, table lookup. */
#include <stdio.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void encode(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = in[i] << 16;
		if (i + 1 < n)
			v |= in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
	}
	out[o] = 0;
}

int main(void)
{
	const char *tests[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "kctx \xff\x80"};
	char out[64];
	for (int i = 0; i < 8; i++) {
		encode((const unsigned char *)tests[i], strlen(tests[i]), out);
		printf("[%s]\n", out);
	}
	return 0;
}
