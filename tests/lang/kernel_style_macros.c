/* Kernel-style helper macros in a user program: ARRAY_SIZE, BIT, GENMASK, ALIGN,
 * DIV_ROUND_UP, min_t, clamp. */
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define GENMASK(h, l) (((~0UL) - (1UL << (l)) + 1) & (~0UL >> (63 - (h))))
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((typeof(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define min_t(type, a, b) ((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define FIELD_GET(mask, reg) (((reg) & (mask)) >> __builtin_ctzl(mask))

int main(void)
{
	int arr[13];
	printf("%zu\n", ARRAY_SIZE(arr));
	printf("%lx %lx %lx\n", BIT(0), BIT(63), GENMASK(7, 4));
	printf("%lx\n", GENMASK(63, 0));
	printf("%lu %d\n", ALIGN(4097ul, 4096), ALIGN(13, 8));
	printf("%d %d\n", DIV_ROUND_UP(10, 3), DIV_ROUND_UP(9, 3));
	printf("%d %u\n", min_t(int, -1, 5u), min_t(unsigned, -1, 5u));
	return 0;
}
