/* static inline functions behave as ordinary functions at -O0. */
#include <stdio.h>

static inline int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
static inline unsigned long align_up(unsigned long v, unsigned long a) { return (v + a - 1) & ~(a - 1); }
inline static int is_pow2(unsigned long v) { return v && !(v & (v - 1)); }

int main(void)
{
	printf("%d %d %d\n", clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10));
	printf("%lu %lu %lu\n", align_up(0, 4096), align_up(1, 4096), align_up(8193, 4096));
	printf("%d %d %d\n", is_pow2(0), is_pow2(64), is_pow2(96));
	return 0;
}
