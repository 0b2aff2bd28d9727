/* The kernel's inline library (include/linux/list.h, atomic.h, bitops.h, find.h,
 * refcount.h, kref.h, kstrtox.h, kfifo.h, wait.h), in kernel C as Linux has it as static
 * inline functions: each runs as the module's own code, and the compiler keeps only the
 * ones a module uses. Atomic read-modify-writes go through __kctx_atomic_rmw() and
 * __kctx_cmpxchg(), one indivisible builtin each. */

/* include/linux/list.h */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}
static inline void __list_add(struct list_head *new, struct list_head *prev, struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	WRITE_ONCE(prev->next, new);
}
static inline void list_add(struct list_head *new, struct list_head *head) { __list_add(new, head, head->next); }
static inline void list_add_tail(struct list_head *new, struct list_head *head) { __list_add(new, head->prev, head); }
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}
static inline void __list_del_entry(struct list_head *entry) { __list_del(entry->prev, entry->next); }
/* list_del() poisons the entry: a later use faults at a non-canonical address. */
static inline void list_del(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}
static inline void list_del_init(struct list_head *entry)
{
	__list_del_entry(entry);
	INIT_LIST_HEAD(entry);
}
static inline void list_replace(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->next->prev = new;
	new->prev = old->prev;
	new->prev->next = new;
}
static inline void list_replace_init(struct list_head *old, struct list_head *new)
{
	list_replace(old, new);
	INIT_LIST_HEAD(old);
}
static inline void list_move(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add(list, head);
}
static inline void list_move_tail(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add_tail(list, head);
}
static inline int list_is_first(const struct list_head *list, const struct list_head *head) { return list->prev == head; }
static inline int list_is_last(const struct list_head *list, const struct list_head *head) { return list->next == head; }
static inline int list_is_head(const struct list_head *list, const struct list_head *head) { return list == head; }
static inline int list_empty(const struct list_head *head) { return READ_ONCE(head->next) == head; }
static inline int list_empty_careful(const struct list_head *head)
{
	struct list_head *next = head->next;
	return list_is_head(next, head) && (next == head->prev);
}
static inline int list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && (head->next == head->prev);
}
static inline void list_rotate_left(struct list_head *head)
{
	if (!list_empty(head))
		list_move_tail(head->next, head);
}
static inline size_t list_count_nodes(struct list_head *head)
{
	struct list_head *pos;
	size_t count = 0;
	list_for_each(pos, head)
		count++;
	return count;
}
static inline void __list_splice(const struct list_head *list, struct list_head *prev, struct list_head *next)
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;
	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}
static inline void list_splice(const struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head, head->next);
}
static inline void list_splice_tail(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head->prev, head);
}
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}
static inline void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/* hlist */
static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}
static inline int hlist_unhashed(const struct hlist_node *h) { return !h->pprev; }
static inline int hlist_empty(const struct hlist_head *h) { return !READ_ONCE(h->first); }
static inline void __hlist_del(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;
	WRITE_ONCE(*pprev, next);
	if (next)
		WRITE_ONCE(next->pprev, pprev);
}
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;
	WRITE_ONCE(n->next, first);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
	WRITE_ONCE(h->first, n);
	WRITE_ONCE(n->pprev, &h->first);
}
static inline void hlist_add_before(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	WRITE_ONCE(n->next, next);
	WRITE_ONCE(next->pprev, &n->next);
	WRITE_ONCE(*(n->pprev), n);
}
static inline void hlist_add_behind(struct hlist_node *n, struct hlist_node *prev)
{
	WRITE_ONCE(n->next, prev->next);
	WRITE_ONCE(prev->next, n);
	WRITE_ONCE(n->pprev, &prev->next);
	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}
static inline void __kctx_hash_init(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}
static inline bool __kctx_hash_empty(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		if (!hlist_empty(&ht[i]))
			return false;
	return true;
}

/* include/linux/log2.h, asm-generic/bitops: fls, ffs, hweight */
static inline int __kctx_ilog2(u64 n)
{
	int r = -1;
	while (n) {
		n >>= 1;
		r++;
	}
	return r;
}
static inline int fls(unsigned int x) { return x ? __kctx_ilog2(x) + 1 : 0; }
static inline int fls64(u64 x) { return x ? __kctx_ilog2(x) + 1 : 0; }
static inline unsigned long __fls(unsigned long word) { return __kctx_ilog2(word); }
static inline unsigned long __ffs(unsigned long word)
{
	unsigned long n = 0;
	while (!(word & 1)) {
		word >>= 1;
		n++;
	}
	return n;
}
static inline int ffs(int x) { return x ? (int)__ffs((unsigned int)x) + 1 : 0; }
static inline unsigned long ffz(unsigned long word) { return __ffs(~word); }
static inline unsigned int hweight64(u64 w)
{
	unsigned int n = 0;
	for (; w; w &= w - 1)
		n++;
	return n;
}
static inline unsigned int hweight32(unsigned int w) { return hweight64(w); }
static inline unsigned int hweight16(unsigned int w) { return hweight64(w & 0xffff); }
static inline unsigned int hweight8(unsigned int w) { return hweight64(w & 0xff); }
static inline unsigned long hweight_long(unsigned long w) { return hweight64(w); }
static inline u32 rol32(u32 word, unsigned int shift) { return (word << (shift & 31)) | (word >> ((-shift) & 31)); }
static inline u32 ror32(u32 word, unsigned int shift) { return (word >> (shift & 31)) | (word << ((-shift) & 31)); }

/* include/linux/bitops.h, asm-generic/bitops/instrumented-atomic.h: the atomic bit
 * operations are locked instructions on x86; the __ ones are plain. */
static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_OR, BIT_MASK(nr));
}
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_AND, ~BIT_MASK(nr));
}
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_XOR, BIT_MASK(nr));
}
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return (__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_OR, BIT_MASK(nr)) & BIT_MASK(nr)) != 0;
}
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return (__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_AND, ~BIT_MASK(nr)) & BIT_MASK(nr)) != 0;
}
static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return (__kctx_atomic_rmw(addr + BIT_WORD(nr), 8, __KCTX_RMW_XOR, BIT_MASK(nr)) & BIT_MASK(nr)) != 0;
}
static inline void clear_bit_unlock(long nr, volatile unsigned long *addr) { clear_bit(nr, addr); }
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr) { return test_and_set_bit(nr, addr); }
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (addr[BIT_WORD(nr)] >> (nr & (BITS_PER_LONG - 1)));
}
static inline void __set_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] |= BIT_MASK(nr); }
static inline void __clear_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
static inline void __change_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] ^= BIT_MASK(nr); }
static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);
	__set_bit(nr, addr);
	return old;
}
static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);
	__clear_bit(nr, addr);
	return old;
}

/* lib/find_bit.c: the first set (or clear) bit at or after `offset`, or `size`. */
static inline unsigned long __kctx_find_bit(const unsigned long *addr, unsigned long size, unsigned long offset, unsigned long invert)
{
	for (unsigned long i = offset; i < size; i++)
		if (((addr[BIT_WORD(i)] ^ invert) >> (i % BITS_PER_LONG)) & 1)
			return i;
	return size;
}
static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return __kctx_find_bit(addr, size, offset, 0);
}
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return __kctx_find_bit(addr, size, 0, 0);
}
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return __kctx_find_bit(addr, size, offset, ~0UL);
}
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return __kctx_find_bit(addr, size, 0, ~0UL);
}
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	for (unsigned long i = size; i > 0; i--)
		if (test_bit(i - 1, addr))
			return i - 1;
	return size;
}

/* include/linux/bitmap.h */
static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__set_bit(i, map);
}
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__clear_bit(i, map);
}
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int w = 0;
	for (unsigned int i = 0; i < nbits; i++)
		w += test_bit(i, src);
	return w;
}
static inline bool bitmap_empty(const unsigned long *src, unsigned nbits) { return find_first_bit(src, nbits) == nbits; }
static inline bool bitmap_full(const unsigned long *src, unsigned nbits) { return find_first_zero_bit(src, nbits) == nbits; }
static inline bool bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	for (unsigned int i = 0; i < nbits; i++)
		if (test_bit(i, a) != test_bit(i, b))
			return false;
	return true;
}
static inline unsigned long bitmap_find_next_zero_area(unsigned long *map, unsigned long size, unsigned long start,
						       unsigned int nr, unsigned long align_mask)
{
	for (;;) {
		unsigned long index = (find_next_zero_bit(map, size, start) + align_mask) & ~align_mask;
		unsigned long end = index + nr;
		if (end > size)
			return end;
		unsigned long i = find_next_bit(map, end, index);
		if (i >= end)
			return index;
		start = i + 1;
	}
}

/* include/linux/atomic/atomic-instrumented.h: atomic_t and atomic64_t beyond the
 * builtins (atomic_read, _set, _inc, _dec, _add, _sub, _inc_return, _dec_return,
 * _dec_and_test), each one indivisible read-modify-write. */
static inline int atomic_fetch_add(int i, atomic_t *v) { return (int)__kctx_atomic_rmw(&v->counter, 4, __KCTX_RMW_ADD, i); }
static inline int atomic_fetch_sub(int i, atomic_t *v) { return atomic_fetch_add(-i, v); }
static inline int atomic_fetch_inc(atomic_t *v) { return atomic_fetch_add(1, v); }
static inline int atomic_fetch_dec(atomic_t *v) { return atomic_fetch_add(-1, v); }
static inline int atomic_fetch_and(int i, atomic_t *v) { return (int)__kctx_atomic_rmw(&v->counter, 4, __KCTX_RMW_AND, i); }
static inline int atomic_fetch_or(int i, atomic_t *v) { return (int)__kctx_atomic_rmw(&v->counter, 4, __KCTX_RMW_OR, i); }
static inline int atomic_fetch_xor(int i, atomic_t *v) { return (int)__kctx_atomic_rmw(&v->counter, 4, __KCTX_RMW_XOR, i); }
static inline int atomic_fetch_andnot(int i, atomic_t *v) { return atomic_fetch_and(~i, v); }
static inline void atomic_and(int i, atomic_t *v) { atomic_fetch_and(i, v); }
static inline void atomic_or(int i, atomic_t *v) { atomic_fetch_or(i, v); }
static inline void atomic_xor(int i, atomic_t *v) { atomic_fetch_xor(i, v); }
static inline void atomic_andnot(int i, atomic_t *v) { atomic_fetch_and(~i, v); }
static inline int atomic_add_return(int i, atomic_t *v) { return atomic_fetch_add(i, v) + i; }
static inline int atomic_sub_return(int i, atomic_t *v) { return atomic_fetch_add(-i, v) - i; }
static inline bool atomic_sub_and_test(int i, atomic_t *v) { return atomic_sub_return(i, v) == 0; }
static inline bool atomic_inc_and_test(atomic_t *v) { return atomic_inc_return(v) == 0; }
static inline bool atomic_add_negative(int i, atomic_t *v) { return atomic_add_return(i, v) < 0; }
static inline int atomic_xchg(atomic_t *v, int new) { return (int)__kctx_atomic_rmw(&v->counter, 4, __KCTX_RMW_XCHG, new); }
static inline int atomic_cmpxchg(atomic_t *v, int old, int new) { return (int)__kctx_cmpxchg(&v->counter, 4, old, new); }
static inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	int r = atomic_cmpxchg(v, *old, new);
	if (r == *old)
		return true;
	*old = r;
	return false;
}
/* include/linux/atomic/atomic-arch-fallback.h: a cmpxchg loop, as the fallback is. */
static inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);
	do {
		if (c == u)
			break;
	} while (!atomic_try_cmpxchg(v, &c, c + a));
	return c;
}
static inline bool atomic_add_unless(atomic_t *v, int a, int u) { return atomic_fetch_add_unless(v, a, u) != u; }
static inline bool atomic_inc_not_zero(atomic_t *v) { return atomic_add_unless(v, 1, 0); }
static inline int atomic_dec_if_positive(atomic_t *v)
{
	int c = atomic_read(v), d;
	do {
		d = c - 1;
		if (d < 0)
			break;
	} while (!atomic_try_cmpxchg(v, &c, d));
	return d;
}
#define atomic_read_acquire(v) atomic_read(v)
#define atomic_set_release(v, i) atomic_set(v, i)
#define atomic_inc_return_relaxed atomic_inc_return
#define atomic_dec_return_relaxed atomic_dec_return
#define atomic_add_return_relaxed atomic_add_return
#define atomic_fetch_add_relaxed atomic_fetch_add
#define atomic_cmpxchg_relaxed atomic_cmpxchg
#define atomic_xchg_relaxed atomic_xchg

static inline s64 atomic64_read(const atomic64_t *v) { return READ_ONCE(v->counter); }
static inline void atomic64_set(atomic64_t *v, s64 i) { WRITE_ONCE(v->counter, i); }
static inline s64 atomic64_fetch_add(s64 i, atomic64_t *v) { return __kctx_atomic_rmw(&v->counter, 8, __KCTX_RMW_ADD, i); }
static inline s64 atomic64_fetch_sub(s64 i, atomic64_t *v) { return atomic64_fetch_add(-i, v); }
static inline s64 atomic64_fetch_and(s64 i, atomic64_t *v) { return __kctx_atomic_rmw(&v->counter, 8, __KCTX_RMW_AND, i); }
static inline s64 atomic64_fetch_or(s64 i, atomic64_t *v) { return __kctx_atomic_rmw(&v->counter, 8, __KCTX_RMW_OR, i); }
static inline s64 atomic64_fetch_xor(s64 i, atomic64_t *v) { return __kctx_atomic_rmw(&v->counter, 8, __KCTX_RMW_XOR, i); }
static inline void atomic64_add(s64 i, atomic64_t *v) { atomic64_fetch_add(i, v); }
static inline void atomic64_sub(s64 i, atomic64_t *v) { atomic64_fetch_add(-i, v); }
static inline void atomic64_inc(atomic64_t *v) { atomic64_fetch_add(1, v); }
static inline void atomic64_dec(atomic64_t *v) { atomic64_fetch_add(-1, v); }
static inline void atomic64_and(s64 i, atomic64_t *v) { atomic64_fetch_and(i, v); }
static inline void atomic64_or(s64 i, atomic64_t *v) { atomic64_fetch_or(i, v); }
static inline void atomic64_xor(s64 i, atomic64_t *v) { atomic64_fetch_xor(i, v); }
static inline s64 atomic64_add_return(s64 i, atomic64_t *v) { return atomic64_fetch_add(i, v) + i; }
static inline s64 atomic64_sub_return(s64 i, atomic64_t *v) { return atomic64_fetch_add(-i, v) - i; }
static inline s64 atomic64_inc_return(atomic64_t *v) { return atomic64_add_return(1, v); }
static inline s64 atomic64_dec_return(atomic64_t *v) { return atomic64_sub_return(1, v); }
static inline s64 atomic64_fetch_inc(atomic64_t *v) { return atomic64_fetch_add(1, v); }
static inline s64 atomic64_fetch_dec(atomic64_t *v) { return atomic64_fetch_add(-1, v); }
static inline bool atomic64_dec_and_test(atomic64_t *v) { return atomic64_dec_return(v) == 0; }
static inline bool atomic64_inc_and_test(atomic64_t *v) { return atomic64_inc_return(v) == 0; }
static inline bool atomic64_sub_and_test(s64 i, atomic64_t *v) { return atomic64_sub_return(i, v) == 0; }
static inline s64 atomic64_xchg(atomic64_t *v, s64 new) { return __kctx_atomic_rmw(&v->counter, 8, __KCTX_RMW_XCHG, new); }
static inline s64 atomic64_cmpxchg(atomic64_t *v, s64 old, s64 new) { return __kctx_cmpxchg(&v->counter, 8, old, new); }
static inline bool atomic64_try_cmpxchg(atomic64_t *v, s64 *old, s64 new)
{
	s64 r = atomic64_cmpxchg(v, *old, new);
	if (r == *old)
		return true;
	*old = r;
	return false;
}
static inline s64 atomic64_fetch_add_unless(atomic64_t *v, s64 a, s64 u)
{
	s64 c = atomic64_read(v);
	do {
		if (c == u)
			break;
	} while (!atomic64_try_cmpxchg(v, &c, c + a));
	return c;
}
static inline bool atomic64_add_unless(atomic64_t *v, s64 a, s64 u) { return atomic64_fetch_add_unless(v, a, u) != u; }
static inline bool atomic64_inc_not_zero(atomic64_t *v) { return atomic64_add_unless(v, 1, 0); }

/* include/linux/atomic/atomic-long.h: long is 64 bits on x86-64 */
#define atomic_long_read(v) atomic64_read((atomic64_t *)(v))
#define atomic_long_set(v, i) atomic64_set((atomic64_t *)(v), (i))
#define atomic_long_add(i, v) atomic64_add((i), (atomic64_t *)(v))
#define atomic_long_sub(i, v) atomic64_sub((i), (atomic64_t *)(v))
#define atomic_long_inc(v) atomic64_inc((atomic64_t *)(v))
#define atomic_long_dec(v) atomic64_dec((atomic64_t *)(v))
#define atomic_long_inc_return(v) atomic64_inc_return((atomic64_t *)(v))
#define atomic_long_dec_return(v) atomic64_dec_return((atomic64_t *)(v))
#define atomic_long_add_return(i, v) atomic64_add_return((i), (atomic64_t *)(v))
#define atomic_long_dec_and_test(v) atomic64_dec_and_test((atomic64_t *)(v))
#define atomic_long_xchg(v, n) atomic64_xchg((atomic64_t *)(v), (n))
#define atomic_long_cmpxchg(v, o, n) atomic64_cmpxchg((atomic64_t *)(v), (o), (n))

/* include/linux/refcount.h: a saturating atomic_t; misuse saturates it and warns once
 * through refcount_warn_saturate() (lib/refcount.c). */
static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return atomic_read(&r->refs); }
static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);
	if (!old)
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (old < 0 || old + i < 0)
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}
static inline void refcount_inc(refcount_t *r) { refcount_add(1, r); }
static inline bool refcount_add_not_zero(int i, refcount_t *r)
{
	int old = refcount_read(r);
	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old + i));
	if (old < 0 || old + i < 0)
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}
static inline bool refcount_inc_not_zero(refcount_t *r) { return refcount_add_not_zero(1, r); }
static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);
	if (old == i)
		return true;
	if (old < 0 || old - i < 0)
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}
static inline bool refcount_dec_and_test(refcount_t *r) { return refcount_sub_and_test(1, r); }
static inline void refcount_dec(refcount_t *r)
{
	if (atomic_fetch_sub(1, &r->refs) <= 1)
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

/* include/linux/kref.h */
static inline void kref_init(struct kref *kref) { refcount_set(&kref->refcount, 1); }
static inline unsigned int kref_read(const struct kref *kref) { return refcount_read(&kref->refcount); }
static inline void kref_get(struct kref *kref) { refcount_inc(&kref->refcount); }
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}
static inline int kref_get_unless_zero(struct kref *kref) { return refcount_inc_not_zero(&kref->refcount); }

/* lib/kstrtox.c: the whole string (one trailing newline allowed) must be the number;
 * -EINVAL for anything else, -ERANGE when it does not fit. */
static inline const char *__kctx_parse_base(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' && ((s[2] >= '0' && s[2] <= '9') || ((s[2] | 0x20) >= 'a' && (s[2] | 0x20) <= 'f')))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}
/* _parse_integer(): digits of `base`; returns how many, sets *res, flags overflow. */
static inline unsigned int __kctx_parse_integer(const char *s, unsigned int base, unsigned long long *res, bool *overflow)
{
	unsigned long long r = 0;
	unsigned int n = 0;
	*overflow = false;
	for (;; s++, n++) {
		unsigned int c = (unsigned char)*s, val;
		unsigned int lc = c | 0x20;
		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (lc >= 'a' && lc <= 'f')
			val = lc - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (r > (ULLONG_MAX - val) / base)
			*overflow = true;
		r = r * base + val;
	}
	*res = r;
	return n;
}
static inline int _kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long r;
	bool overflow;
	s = __kctx_parse_base(s, &base);
	unsigned int rv = __kctx_parse_integer(s, base, &r, &overflow);
	if (rv == 0)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = r;
	return 0;
}
static inline int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return _kstrtoull(s, base, res);
}
static inline int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;
	if (s[0] == '-') {
		rv = _kstrtoull(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)-tmp > 0)
			return -ERANGE;
		*res = -tmp;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)tmp < 0)
			return -ERANGE;
		*res = tmp;
	}
	return 0;
}
static inline int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	return kstrtoull(s, base, (unsigned long long *)res);
}
static inline int kstrtol(const char *s, unsigned int base, long *res) { return kstrtoll(s, base, (long long *)res); }
static inline int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (unsigned int)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
static inline int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (int)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
static inline int kstrtou16(const char *s, unsigned int base, u16 *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (u16)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
static inline int kstrtos16(const char *s, unsigned int base, s16 *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (s16)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
static inline int kstrtou8(const char *s, unsigned int base, u8 *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (u8)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
static inline int kstrtos8(const char *s, unsigned int base, s8 *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp != (s8)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
#define kstrtou64 kstrtoull
#define kstrtos64 kstrtoll
#define kstrtou32 kstrtouint
#define kstrtos32 kstrtoint
/* kstrtobool(): y/Y/1/on → true, n/N/0/off → false (lib/kstrtox.c, 6.1) */
static inline int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
/* kstrto*_from_user(): copy at most 127 bytes, then parse (lib/kstrtox.c). */
static inline int __kctx_copy_number(char *buf, const char __user *s, size_t count)
{
	count = min(count, (size_t)127);
	if (copy_from_user(buf, s, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}
static inline int kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtoint(buf, base, res);
}
static inline int kstrtouint_from_user(const char __user *s, size_t count, unsigned int base, unsigned int *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtouint(buf, base, res);
}
static inline int kstrtol_from_user(const char __user *s, size_t count, unsigned int base, long *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtol(buf, base, res);
}
static inline int kstrtoul_from_user(const char __user *s, size_t count, unsigned int base, unsigned long *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtoul(buf, base, res);
}
static inline int kstrtoull_from_user(const char __user *s, size_t count, unsigned int base, unsigned long long *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtoull(buf, base, res);
}
static inline int kstrtoll_from_user(const char __user *s, size_t count, unsigned int base, long long *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtoll(buf, base, res);
}
static inline int kstrtou16_from_user(const char __user *s, size_t count, unsigned int base, u16 *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtou16(buf, base, res);
}
static inline int kstrtos16_from_user(const char __user *s, size_t count, unsigned int base, s16 *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtos16(buf, base, res);
}
static inline int kstrtou8_from_user(const char __user *s, size_t count, unsigned int base, u8 *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtou8(buf, base, res);
}
static inline int kstrtos8_from_user(const char __user *s, size_t count, unsigned int base, s8 *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtos8(buf, base, res);
}
static inline int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[128];
	int rv = __kctx_copy_number(buf, s, count);
	return rv ? rv : kstrtobool(buf, res);
}
/* lib/vsprintf.c simple_strtoull(): as many digits as there are, no range check. */
static inline unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long r;
	bool overflow;
	cp = __kctx_parse_base(cp, &base);
	cp += __kctx_parse_integer(cp, base, &r, &overflow);
	if (endp)
		*endp = (char *)cp;
	return r;
}
static inline unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}
static inline long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}
static inline long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}

/* lib/kfifo.c: in and out count freely; the buffer index is the count & mask. */
static inline unsigned int __kctx_rounddown_pow_of_two(unsigned int n) { return n ? 1U << __kctx_ilog2(n) : 0; }
static inline int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp)
{
	size = __kctx_rounddown_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = esize;
	if (size < 2) {
		fifo->data = NULL;
		fifo->mask = 0;
		return -EINVAL;
	}
	fifo->data = kmalloc(size * esize, gfp);
	if (!fifo->data) {
		fifo->mask = 0;
		return -ENOMEM;
	}
	fifo->mask = size - 1;
	return 0;
}
static inline void __kfifo_free(struct __kfifo *fifo)
{
	kfree(fifo->data);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = 0;
	fifo->data = NULL;
	fifo->mask = 0;
}
static inline int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize)
{
	size /= esize;
	size = __kctx_rounddown_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = esize;
	fifo->data = buffer;
	if (size < 2) {
		fifo->mask = 0;
		return -EINVAL;
	}
	fifo->mask = size - 1;
	return 0;
}
static inline void __kctx_kfifo_init_static(struct __kfifo *fifo, void *buf, unsigned int size, unsigned int esize)
{
	fifo->in = 0;
	fifo->out = 0;
	fifo->mask = size - 1;
	fifo->esize = esize;
	fifo->data = buf;
}
/* kfifo_copy_in()/kfifo_copy_out(): up to two pieces, at the index and from the start. */
static inline void __kctx_kfifo_copy_in(struct __kfifo *fifo, const void *src, unsigned int len, unsigned int off)
{
	unsigned int size = fifo->mask + 1, esize = fifo->esize;
	off &= fifo->mask;
	if (esize != 1) {
		off *= esize;
		size *= esize;
		len *= esize;
	}
	unsigned int l = min(len, size - off);
	memcpy((char *)fifo->data + off, src, l);
	memcpy(fifo->data, (const char *)src + l, len - l);
}
static inline void __kctx_kfifo_copy_out(struct __kfifo *fifo, void *dst, unsigned int len, unsigned int off)
{
	unsigned int size = fifo->mask + 1, esize = fifo->esize;
	off &= fifo->mask;
	if (esize != 1) {
		off *= esize;
		size *= esize;
		len *= esize;
	}
	unsigned int l = min(len, size - off);
	memcpy(dst, (const char *)fifo->data + off, l);
	memcpy((char *)dst + l, fifo->data, len - l);
}
static inline unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len)
{
	unsigned int avail = (fifo->mask + 1) - (fifo->in - fifo->out);
	if (len > avail)
		len = avail;
	__kctx_kfifo_copy_in(fifo, buf, len, fifo->in);
	fifo->in += len;
	return len;
}
static inline unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len)
{
	unsigned int l = fifo->in - fifo->out;
	if (len > l)
		len = l;
	__kctx_kfifo_copy_out(fifo, buf, len, fifo->out);
	return len;
}
static inline unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len)
{
	len = __kfifo_out_peek(fifo, buf, len);
	fifo->out += len;
	return len;
}
/* kfifo_copy_to_user()/kfifo_copy_from_user(): -EFAULT when a copy falls short, with
 * *copied the bytes that did go (lib/kfifo.c). */
static inline int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len, unsigned int *copied)
{
	unsigned int l = fifo->in - fifo->out, size = fifo->mask + 1, off = fifo->out & fifo->mask;
	if (len > l)
		len = l;
	unsigned int first = min((unsigned int)len, size - off);
	unsigned long ret = copy_to_user(to, (const char *)fifo->data + off, first);
	if (!ret)
		ret = copy_to_user((char __user *)to + first, fifo->data, len - first);
	if (ret) {
		*copied = len - ret;
		fifo->out += *copied;
		return -EFAULT;
	}
	*copied = len;
	fifo->out += len;
	return 0;
}
static inline int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len, unsigned int *copied)
{
	unsigned int avail = (fifo->mask + 1) - (fifo->in - fifo->out), size = fifo->mask + 1, off = fifo->in & fifo->mask;
	if (len > avail)
		len = avail;
	unsigned int first = min((unsigned int)len, size - off);
	unsigned long ret = copy_from_user((char *)fifo->data + off, from, first);
	if (!ret)
		ret = copy_from_user(fifo->data, (const char __user *)from + first, len - first);
	if (ret) {
		*copied = len - ret;
		fifo->in += *copied;
		return -EFAULT;
	}
	*copied = len;
	fifo->in += len;
	return 0;
}

/* kernel/sched/wait.c: open-coded waits. The entry's task is queued on the head's wait
 * queue by the kernel's one wait primitive; an autoremove entry leaves it when woken, a
 * default_wake_function one (DECLARE_WAITQUEUE + add_wait_queue) stays until removed. */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key) { return 1; }
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key) { return 1; }
static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}
static inline int __kctx_entry_persists(struct wait_queue_entry *wq_entry)
{
	return wq_entry->func != autoremove_wake_function;
}
static inline void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	__kctx_prepare_to_wait(wq_head, state, 0, __kctx_entry_persists(wq_entry));
}
static inline bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	return __kctx_prepare_to_wait(wq_head, state, 1, __kctx_entry_persists(wq_entry));
}
static inline void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	__kctx_finish_wait(wq_head);
}
static inline void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	__kctx_prepare_to_wait(wq_head, -1, 0, __kctx_entry_persists(wq_entry));
}
static inline void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__kctx_prepare_to_wait(wq_head, -1, 1, __kctx_entry_persists(wq_entry));
}
static inline void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	__kctx_remove_wait_queue(wq_head);
}
#define wait_event_interruptible_timeout_locked wait_event_interruptible_timeout

/* include/linux/delay.h: mdelay() is udelay(1000) n times (one udelay for a constant n
 * up to MAX_UDELAY_MS, which the front end cannot tell apart; the loop spins the same). */
#undef mdelay
#define mdelay(n) ({ unsigned long __kctx_ms = (n); while (__kctx_ms--) udelay(1000); })
