/* The <stdint.h>/<limits.h> limit macros, INTn_C constants and <inttypes.h>
 * PRI format macros, with the types glibc gives them. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

int main(void)
{
	printf("%d %d %lld %lld %llu\n", CHAR_MIN, CHAR_MAX, LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	printf("%d %d %d %ld\n", INT8_MIN, INT16_MIN, INT32_MIN, INT64_MIN);
	printf("%d %d %d %ld\n", INT8_MAX, INT16_MAX, INT32_MAX, INT64_MAX);
	printf("%d %d %u %lu\n", UINT8_MAX, UINT16_MAX, UINT32_MAX, UINT64_MAX);
	printf("%zu %zu %zu\n", sizeof(UINT32_MAX), sizeof(INT64_MAX), sizeof(SIZE_MAX));
	printf("%lu %ld %ld\n", SIZE_MAX, PTRDIFF_MIN, INTPTR_MAX);
	printf("%zu %zu\n", sizeof(INT64_C(1)), sizeof(UINT32_C(1)));
	printf("%" PRIu64 "\n", UINT64_C(1) << 63);
	printf("%" PRIx32 " %" PRIX64 " %" PRIo16 "\n", (uint32_t)0xbeef, (uint64_t)0xcafef00d, (uint16_t)8);
	printf("%" PRIdMAX " %" PRIuPTR "\n", INTMAX_MIN, (uintptr_t)4096);
	printf("%" PRIi8 " %" PRId16 "\n", (int8_t)-3, (int16_t)-300);
	return 0;
}
