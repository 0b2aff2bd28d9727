/* Bit rotations and byte swaps written with shifts and masks. */
#include <stdio.h>
#include <stdint.h>

static uint32_t rotl32(uint32_t v, unsigned n) { n &= 31; return n ? (v << n) | (v >> (32 - n)) : v; }
static uint64_t rotr64(uint64_t v, unsigned n) { n &= 63; return n ? (v >> n) | (v << (64 - n)) : v; }
static uint32_t bswap32(uint32_t v) { return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24); }
static uint16_t bswap16(uint16_t v) { return (uint16_t)((v >> 8) | (v << 8)); }

int main(void)
{
	for (unsigned n = 0; n < 40; n += 8)
		printf("%08x ", rotl32(0x12345678, n));
	printf("\n%016lx %016lx\n", rotr64(0x0123456789abcdefull, 4), rotr64(1, 1));
	printf("%08x %04x\n", bswap32(0xdeadbeef), bswap16(0xabcd));
	uint32_t x = 0x80000001;
	printf("%08x\n", rotl32(x, 1));
	return 0;
}
