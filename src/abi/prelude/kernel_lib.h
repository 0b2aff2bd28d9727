/* Kernel library functions written in kernel C: the ones that call back into the module
 * (a comparator), so they run as ordinary module code in the caller's context and on its
 * stack. Appended to the kernel prelude after the builtins' prototypes; the compiler keeps
 * only the ones a module uses (lang::drop_unused_library_functions). */

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef void (*swap_func_t)(void *a, void *b, int size);

static void __kctx_sort_swap(char *a, char *b, size_t size, swap_func_t swap_func)
{
	if (swap_func) {
		swap_func(a, b, (int)size);
		return;
	}
	for (size_t i = 0; i < size; i++) {
		char t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

/* lib/sort.c: an in-place bottom-up heapsort (not stable), in byte offsets. Each round
 * first sifts toward the leaves with one comparison per level, then climbs back to
 * where the sifted element belongs, so cmp_func is called in the kernel's order. */
__attribute__((weak)) void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	char *p = base;
	size_t n = num * size, a = (num / 2) * size;
	if (!a)
		return;
	for (;;) {
		size_t b, c, d;
		if (a) {
			a -= size;
		} else {
			n -= size;
			if (!n)
				break;
			__kctx_sort_swap(p, p + n, size, swap_func);
		}
		b = a;
		for (;;) {
			c = 2 * b + size;
			d = c + size;
			if (d >= n)
				break;
			b = cmp_func(p + c, p + d) >= 0 ? c : d;
		}
		if (d == n)
			b = c;
		/* The parent of the element at byte offset i is at ((i / size - 1) / 2) * size. */
		while (b != a && cmp_func(p + a, p + b) >= 0)
			b = ((b / size - 1) / 2) * size;
		c = b;
		while (b != a) {
			b = ((b / size - 1) / 2) * size;
			__kctx_sort_swap(p + b, p + c, size, swap_func);
		}
	}
}

/* include/linux/bsearch.h (__inline_bsearch): look at the middle of num, then keep the
 * half that can still hold the key. */
__attribute__((weak)) void *bsearch(const void *key, const void *base, size_t num, size_t size, cmp_func_t cmp)
{
	const char *lo = base;
	while (num > 0) {
		const char *pivot = lo + (num >> 1) * size;
		int result = cmp(key, pivot);
		if (result == 0)
			return (void *)pivot;
		if (result > 0) {
			lo = pivot + size;
			num--;
		}
		num >>= 1;
	}
	return NULL;
}
