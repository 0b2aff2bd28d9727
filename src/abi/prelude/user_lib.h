/* libc functions written in kernel C: the ones that call back into the program (a
 * comparator), so they run as ordinary user-mode bytecode on the caller's thread and
 * stack. Appended to the user prelude after the builtins' prototypes; the compiler keeps
 * only the ones a program uses, as a static link against libc.a would
 * (lang::drop_unused_library_functions). */

/* glibc 2.36 stdlib/msort.c: qsort is a top-down merge sort into a temporary array
 * (under 1024 bytes on the stack, else malloc'd; errno is preserved), so it is stable
 * and calls the comparator in the same order glibc does. If malloc fails glibc falls
 * back to an in-place quicksort; kctx uses an in-place insertion sort, which orders a
 * total order the same way. */
static void __kctx_msort(char *b, size_t n, size_t s, int (*cmp)(const void *, const void *),
			 int (*cmp_r)(const void *, const void *, void *), void *arg, char *t)
{
	if (n <= 1)
		return;
	size_t n1 = n / 2, n2 = n - n1;
	char *b1 = b, *b2 = b + n1 * s, *out = t;
	__kctx_msort(b1, n1, s, cmp, cmp_r, arg, t);
	__kctx_msort(b2, n2, s, cmp, cmp_r, arg, t);
	while (n1 > 0 && n2 > 0) {
		int c = cmp_r ? cmp_r(b1, b2, arg) : cmp(b1, b2);
		if (c <= 0) {
			memcpy(out, b1, s);
			b1 += s;
			n1--;
		} else {
			memcpy(out, b2, s);
			b2 += s;
			n2--;
		}
		out += s;
	}
	if (n1 > 0)
		memcpy(out, b1, n1 * s);
	memcpy(b, t, (n - n2) * s);
}

static void __kctx_insertion_sort(char *b, size_t n, size_t s, int (*cmp)(const void *, const void *),
				  int (*cmp_r)(const void *, const void *, void *), void *arg)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			char *x = b + (j - 1) * s, *y = b + j * s;
			if ((cmp_r ? cmp_r(x, y, arg) : cmp(x, y)) <= 0)
				break;
			for (size_t k = 0; k < s; k++) {
				char c = x[k];
				x[k] = y[k];
				y[k] = c;
			}
		}
}

static void __kctx_qsort(void *base, size_t n, size_t s, int (*cmp)(const void *, const void *),
			 int (*cmp_r)(const void *, const void *, void *), void *arg)
{
	size_t size = n * s;
	if (size < 1024) {
		char t[size + 1];
		__kctx_msort(base, n, s, cmp, cmp_r, arg, t);
		return;
	}
	int saved = errno;
	char *t = malloc(size);
	errno = saved;
	if (!t) {
		__kctx_insertion_sort(base, n, s, cmp, cmp_r, arg);
		return;
	}
	__kctx_msort(base, n, s, cmp, cmp_r, arg, t);
	free(t);
}

__attribute__((weak)) void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
	__kctx_qsort(base, nmemb, size, compar, 0, 0);
}

/* GNU: the comparator gets a third argument. */
__attribute__((weak)) void qsort_r(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *, void *), void *arg)
{
	__kctx_qsort(base, nmemb, size, 0, compar, arg);
}

/* glibc bits/stdlib-bsearch.h: halve [l, u) around the middle element. */
__attribute__((weak)) void *bsearch(const void *key, const void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
	size_t l = 0, u = nmemb;
	while (l < u) {
		size_t idx = (l + u) / 2;
		const void *p = (const char *)base + idx * size;
		int c = compar(key, p);
		if (c < 0)
			u = idx;
		else if (c > 0)
			l = idx + 1;
		else
			return (void *)p;
	}
	return NULL;
}
