/* CRC-32 (IEEE, reflected, as zlib): unsigned arithmetic, shifts and a table. */
#include <stdio.h>
#include <string.h>

static unsigned int table[256];

static void make_table(void)
{
	for (unsigned int n = 0; n < 256; n++) {
		unsigned int c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[n] = c;
	}
}

static unsigned int crc32(const unsigned char *buf, size_t len)
{
	unsigned int c = 0xffffffffu;
	for (size_t i = 0; i < len; i++)
		c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

int main(void)
{
	make_table();
	const char *msgs[] = {"", "a", "abc", "The quick brown fox jumps over the lazy dog", "123456789"};
	for (int i = 0; i < 5; i++)
		printf("%08x \"%s\"\n", crc32((const unsigned char *)msgs[i], strlen(msgs[i])), msgs[i]);
	printf("%08x %08x\n", table[1], table[255]);
	return 0;
}
