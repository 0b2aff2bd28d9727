/* Counting sort of bytes and LSD radix sort of 32-bit unsigned keys. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	unsigned char bytes[] = "the quick brown fox jumps over the lazy dog";
	int count[256] = {0};
	size_t n = strlen((char *)bytes);
	for (size_t i = 0; i < n; i++)
		count[bytes[i]]++;
	for (int c = 0; c < 256; c++)
		for (int k = 0; k < count[c]; k++)
			putchar(c);
	putchar('\n');
	unsigned keys[8] = {0xdeadbeef, 3, 0xffffffff, 0x10000, 42, 0x80000000, 7, 0xdeadbeee};
	unsigned tmp[8];
	for (int shift = 0; shift < 32; shift += 8) {
		int bucket[257] = {0};
		for (int i = 0; i < 8; i++)
			bucket[((keys[i] >> shift) & 0xff) + 1]++;
		for (int b = 0; b < 256; b++)
			bucket[b + 1] += bucket[b];
		for (int i = 0; i < 8; i++)
			tmp[bucket[(keys[i] >> shift) & 0xff]++] = keys[i];
		memcpy(keys, tmp, sizeof keys);
	}
	for (int i = 0; i < 8; i++)
		printf("%x ", keys[i]);
	printf("\n");
	return 0;
}
