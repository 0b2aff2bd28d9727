/* <stdint.h> fixed-width types: sizes, wrap-around and signedness. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

int main(void)
{
	printf("%zu %zu %zu %zu\n", sizeof(int8_t), sizeof(int16_t), sizeof(int32_t), sizeof(int64_t));
	printf("%zu %zu\n", sizeof(uintptr_t), sizeof(intmax_t));
	int8_t a = 127;
	a++;
	uint8_t b = 0;
	b--;
	int16_t c = -32768;
	c--;
	uint32_t d = 0xffffffff;
	d += 2;
	int64_t e = INT64_MAX;
	printf("%d %u %d %u %ld\n", a, b, c, d, e);
	uint64_t f = UINT64_MAX;
	printf("%lu\n", f);
	printf("%d %d\n", INT8_MIN, INT16_MAX);
	printf("%" PRId64 " %" PRIu32 " %" PRIx64 "\n", (int64_t)-5, (uint32_t)7, (uint64_t)255);
	return 0;
}
