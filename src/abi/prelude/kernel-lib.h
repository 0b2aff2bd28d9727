/* The kernel's library of types and macros modules lean on (include/linux/types.h,
 * list.h, poison.h, bitops.h, bits.h, minmax.h, math.h, build_bug.h, refcount.h, kref.h,
 * kfifo.h, wait.h's entries, workqueue.h's own queues, slab.h's caches). Their inline
 * functions are in kernel_lib-lib.h, after the builtins' prototypes. */

/* include/linux/types.h */
struct list_head { struct list_head *next, *prev; };
struct hlist_head { struct hlist_node *first; };
typedef struct { s64 counter; } atomic_long_t;

/* include/linux/poison.h: x86-64's CONFIG_ILLEGAL_POINTER_VALUE, so a list entry used
 * after list_del() faults at a non-canonical address, as on Linux. */
#define POISON_POINTER_DELTA 0xdead000000000000UL
#define LIST_POISON1 ((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2 ((void *)(0x122 + POISON_POINTER_DELTA))

/* include/linux/list.h */
#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) list_entry((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member) ({				\
	struct list_head *__kctx_head = (ptr);					\
	struct list_head *__kctx_pos = READ_ONCE(__kctx_head->next);		\
	__kctx_pos != __kctx_head ? list_entry(__kctx_pos, type, member) : NULL; \
})
#define list_next_entry(pos, member) list_entry((pos)->member.next, typeof(*(pos)), member)
#define list_prev_entry(pos, member) list_entry((pos)->member.prev, typeof(*(pos)), member)
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_prev(pos, head) for (pos = (head)->prev; pos != (head); pos = pos->prev)
#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)
#define list_for_each_prev_safe(pos, n, head) \
	for (pos = (head)->prev, n = pos->prev; pos != (head); pos = n, n = pos->prev)
#define list_for_each_entry(pos, head, member)					\
	for (pos = list_first_entry(head, typeof(*pos), member);		\
	     !list_entry_is_head(pos, head, member);				\
	     pos = list_next_entry(pos, member))
#define list_for_each_entry_reverse(pos, head, member)				\
	for (pos = list_last_entry(head, typeof(*pos), member);			\
	     !list_entry_is_head(pos, head, member);				\
	     pos = list_prev_entry(pos, member))
#define list_for_each_entry_continue(pos, head, member)				\
	for (pos = list_next_entry(pos, member);				\
	     !list_entry_is_head(pos, head, member);				\
	     pos = list_next_entry(pos, member))
#define list_for_each_entry_from(pos, head, member)				\
	for (; !list_entry_is_head(pos, head, member); pos = list_next_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member),		\
	     n = list_next_entry(pos, member);					\
	     !list_entry_is_head(pos, head, member);				\
	     pos = n, n = list_next_entry(n, member))
#define list_for_each_entry_safe_reverse(pos, n, head, member)			\
	for (pos = list_last_entry(head, typeof(*pos), member),			\
	     n = list_prev_entry(pos, member);					\
	     !list_entry_is_head(pos, head, member);				\
	     pos = n, n = list_prev_entry(n, member))
#define HLIST_HEAD_INIT { .first = NULL }
#define HLIST_HEAD(name) struct hlist_head name = { .first = NULL }
#define INIT_HLIST_HEAD(ptr) ((ptr)->first = NULL)
#define hlist_entry(ptr, type, member) container_of(ptr, type, member)
#define hlist_entry_safe(ptr, type, member) ({					\
	typeof(ptr) ____ptr = (ptr);						\
	____ptr ? hlist_entry(____ptr, type, member) : NULL;			\
})
#define hlist_for_each(pos, head) for (pos = (head)->first; pos; pos = pos->next)
#define hlist_for_each_safe(pos, n, head) \
	for (pos = (head)->first; pos && ({ n = pos->next; 1; }); pos = n)
#define hlist_for_each_entry(pos, head, member)					\
	for (pos = hlist_entry_safe((head)->first, typeof(*(pos)), member);	\
	     pos;								\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))
#define hlist_for_each_entry_safe(pos, n, head, member)				\
	for (pos = hlist_entry_safe((head)->first, typeof(*pos), member);	\
	     pos && ({ n = pos->member.next; 1; });				\
	     pos = hlist_entry_safe(n, typeof(*pos), member))

/* include/linux/hashtable.h (hash_32/hash_64 of include/linux/hash.h) */
#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
#define hash_32(val, bits) ((u32)((u32)(val) * GOLDEN_RATIO_32) >> (32 - (bits)))
#define hash_64(val, bits) ((u32)((u64)(val) * GOLDEN_RATIO_64 >> (64 - (bits))))
#define hash_long(val, bits) hash_64(val, bits)
#define DEFINE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]
#define DECLARE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]
#define HASH_SIZE(name) (ARRAY_SIZE(name))
#define HASH_BITS(name) __kctx_ilog2(HASH_SIZE(name))
#define hash_min(val, bits) (sizeof(val) <= 4 ? hash_32(val, bits) : hash_long(val, bits))
#define hash_init(table) __kctx_hash_init(table, HASH_SIZE(table))
#define hash_add(table, node, key) hlist_add_head(node, &table[hash_min(key, HASH_BITS(table))])
#define hash_del(node) hlist_del_init(node)
#define hash_empty(table) __kctx_hash_empty(table, HASH_SIZE(table))
#define hash_for_each(name, bkt, obj, member)					\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry(obj, &name[bkt], member)
#define hash_for_each_safe(name, bkt, tmp, obj, member)				\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)
#define hash_for_each_possible(name, obj, member, key) \
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)

/* include/linux/bits.h, bitops.h, bitmap.h */
#define BITS_PER_BYTE 8
#define BITS_PER_LONG 64
#define BITS_PER_LONG_LONG 64
#define BIT_ULL(nr) (1ULL << (nr))
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define GENMASK(h, l) (((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l) (((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE * sizeof(long))
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define for_each_set_bit(bit, addr, size)					\
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size);		\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))
#define for_each_clear_bit(bit, addr, size)					\
	for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size);	\
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

/* include/linux/minmax.h, math.h, kernel.h, build_bug.h */
#define min_t(type, x, y) ({ type __kctx_x = (x); type __kctx_y = (y); __kctx_x < __kctx_y ? __kctx_x : __kctx_y; })
#define max_t(type, x, y) ({ type __kctx_x = (x); type __kctx_y = (y); __kctx_x > __kctx_y ? __kctx_x : __kctx_y; })
#define min3(x, y, z) min((typeof(x))min(x, y), z)
#define max3(x, y, z) max((typeof(x))max(x, y), z)
#define min_not_zero(x, y) ({ typeof(x) __kctx_x = (x); typeof(y) __kctx_y = (y); \
	__kctx_x == 0 ? __kctx_y : ((__kctx_y == 0) ? __kctx_x : min(__kctx_x, __kctx_y)); })
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)
#define abs(x) ({ typeof(x) __kctx_a = (x); __kctx_a < 0 ? -__kctx_a : __kctx_a; })
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, divisor) ({ typeof(x) __kctx_x = (x); typeof(divisor) __kctx_d = (divisor); \
	(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 || (((__kctx_x) > 0) == ((__kctx_d) > 0))) ? \
	(((__kctx_x) + ((__kctx_d) / 2)) / (__kctx_d)) : (((__kctx_x) - ((__kctx_d) / 2)) / (__kctx_d)); })
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))
#define round_up(x, y) ((((x) - 1) | ((typeof(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((typeof(x))((y) - 1)))
#define ALIGN(x, a) (((x) + ((typeof(x))(a) - 1)) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))
#define ilog2(n) __kctx_ilog2((u64)(n))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define BUILD_BUG_ON(condition) ((void)sizeof(char[1 - 2 * !!(condition)]))
#define BUILD_BUG_ON_MSG(cond, msg) BUILD_BUG_ON(cond)
#define BUILD_BUG() do { } while (0)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define U8_MAX ((u8)~0U)
#define S8_MAX ((s8)(U8_MAX >> 1))
#define S8_MIN ((s8)(-S8_MAX - 1))
#define U16_MAX ((u16)~0U)
#define S16_MAX ((s16)(U16_MAX >> 1))
#define S16_MIN ((s16)(-S16_MAX - 1))
#define U32_MAX ((u32)~0U)
#define S32_MAX ((s32)(U32_MAX >> 1))
#define S32_MIN ((s32)(-S32_MAX - 1))
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN ((s64)(-S64_MAX - 1))
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define LONG_MIN (-LONG_MAX - 1)
#define ULONG_MAX (~0UL)
#define LLONG_MAX ((long long)(~0ULL >> 1))
#define LLONG_MIN (-LLONG_MAX - 1)
#define ULLONG_MAX (~0ULL)
#define SHRT_MAX ((short)(U16_MAX >> 1))
#define USHRT_MAX U16_MAX
#define SIZE_MAX (~(size_t)0)
/* include/linux/slab.h: kmalloc(0)'s answer, which kfree() takes back */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* memory ordering (include/asm-generic/barrier.h): kctx runs every CPU sequentially
 * consistent, so each of these orders nothing more than program order already does. */
#define smp_mb__before_atomic() do { } while (0)
#define smp_mb__after_atomic() do { } while (0)
#define smp_store_release(p, v) WRITE_ONCE(*(p), (v))
#define smp_load_acquire(p) READ_ONCE(*(p))
#define mb() do { } while (0)
#define rmb() do { } while (0)
#define wmb() do { } while (0)
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); } while (0)
#define cpu_relax() do { } while (0)

/* Atomic read-modify-write (arch/x86/include/asm/atomic.h, cmpxchg.h): each is one
 * builtin call, so it is one indivisible step however the CPUs and interrupts interleave. */
#define __KCTX_RMW_ADD 0
#define __KCTX_RMW_AND 1
#define __KCTX_RMW_OR 2
#define __KCTX_RMW_XOR 3
#define __KCTX_RMW_XCHG 4
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) { (i) }
#define cmpxchg(ptr, old, new) \
	((typeof(*(ptr)))__kctx_cmpxchg((ptr), sizeof(*(ptr)), (long)(old), (long)(new)))
#define cmpxchg_relaxed cmpxchg
#define cmpxchg_acquire cmpxchg
#define cmpxchg_release cmpxchg
#define cmpxchg64 cmpxchg
#define xchg(ptr, v) \
	((typeof(*(ptr)))__kctx_atomic_rmw((ptr), sizeof(*(ptr)), __KCTX_RMW_XCHG, (long)(v)))
#define try_cmpxchg(ptr, oldp, new) ({						\
	typeof(*(oldp)) __kctx_o = *(oldp);					\
	typeof(*(oldp)) __kctx_r = cmpxchg((ptr), __kctx_o, (new));		\
	if (__kctx_r != __kctx_o)						\
		*(oldp) = __kctx_r;						\
	__kctx_r == __kctx_o;							\
})

/* include/linux/refcount.h */
#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)
enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* include/linux/kref.h (struct kref is in kernel.h) */
#define KREF_INIT(n) { .refcount = REFCOUNT_INIT(n), }

/* include/linux/kfifo.h: a byte fifo whose in and out run freely and wrap with the
 * power-of-two mask. kctx's fifos hold bytes (or records of esize bytes) and keep the
 * kernel's shape: DECLARE_KFIFO's buffer follows the header in the same object. */
struct __kfifo {
	unsigned int in;
	unsigned int out;
	unsigned int mask;
	unsigned int esize;
	void *data;
};
struct kfifo { struct __kfifo kfifo; };
#define __STRUCT_KFIFO(type, size) struct { struct __kfifo kfifo; type buf[((size < 2) || (size & (size - 1))) ? -1 : size]; }
#define STRUCT_KFIFO(type, size) __STRUCT_KFIFO(type, size)
#define DECLARE_KFIFO_PTR(fifo, type) struct kfifo fifo
#define DECLARE_KFIFO(fifo, type, size) STRUCT_KFIFO(type, size) fifo
#define INIT_KFIFO(fifo) __kctx_kfifo_init_static(&(fifo).kfifo, (fifo).buf, sizeof((fifo).buf) / sizeof((fifo).buf[0]), sizeof((fifo).buf[0]))
#define DEFINE_KFIFO(fifo, type, size) \
	DECLARE_KFIFO(fifo, type, size) = { .kfifo = { .in = 0, .out = 0, .mask = (size) - 1, .esize = sizeof(type), .data = (fifo).buf } }
#define kfifo_alloc(fifo, size, gfp) __kfifo_alloc(&(fifo)->kfifo, (size), 1, (gfp))
#define kfifo_free(fifo) __kfifo_free(&(fifo)->kfifo)
#define kfifo_init(fifo, buffer, size) __kfifo_init(&(fifo)->kfifo, (buffer), (size), 1)
#define kfifo_size(fifo) ((fifo)->kfifo.mask + 1)
#define kfifo_esize(fifo) ((fifo)->kfifo.esize)
#define kfifo_len(fifo) ((fifo)->kfifo.in - (fifo)->kfifo.out)
#define kfifo_is_empty(fifo) ((fifo)->kfifo.in == (fifo)->kfifo.out)
#define kfifo_is_full(fifo) (kfifo_len(fifo) > (fifo)->kfifo.mask)
#define kfifo_avail(fifo) (kfifo_size(fifo) - kfifo_len(fifo))
#define kfifo_reset(fifo) do { (fifo)->kfifo.in = (fifo)->kfifo.out = 0; } while (0)
#define kfifo_reset_out(fifo) do { (fifo)->kfifo.out = (fifo)->kfifo.in; } while (0)
#define kfifo_initialized(fifo) ((fifo)->kfifo.mask != 0)
#define kfifo_in(fifo, buf, n) __kfifo_in(&(fifo)->kfifo, (buf), (n))
#define kfifo_out(fifo, buf, n) __kfifo_out(&(fifo)->kfifo, (buf), (n))
#define kfifo_out_peek(fifo, buf, n) __kfifo_out_peek(&(fifo)->kfifo, (buf), (n))
#define kfifo_put(fifo, val) ({ typeof(val) __kctx_v = (val); __kfifo_in(&(fifo)->kfifo, &__kctx_v, 1); })
#define kfifo_get(fifo, valp) __kfifo_out(&(fifo)->kfifo, (valp), 1)
#define kfifo_peek(fifo, valp) __kfifo_out_peek(&(fifo)->kfifo, (valp), 1)
#define kfifo_skip(fifo) do { if (!kfifo_is_empty(fifo)) (fifo)->kfifo.out++; } while (0)
#define kfifo_in_spinlocked(fifo, buf, n, lock) ({ unsigned long __kctx_f; unsigned int __kctx_r; \
	spin_lock_irqsave(lock, __kctx_f); __kctx_r = kfifo_in(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __kctx_f); __kctx_r; })
#define kfifo_out_spinlocked(fifo, buf, n, lock) ({ unsigned long __kctx_f; unsigned int __kctx_r; \
	spin_lock_irqsave(lock, __kctx_f); __kctx_r = kfifo_out(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __kctx_f); __kctx_r; })
#define kfifo_to_user(fifo, to, len, copied) __kfifo_to_user(&(fifo)->kfifo, (to), (len), (copied))
#define kfifo_from_user(fifo, from, len, copied) __kfifo_from_user(&(fifo)->kfifo, (from), (len), (copied))

/* include/linux/wait.h: the entries of open-coded waits. kctx's wait queues are the
 * kernel's one wait primitive (sched/Wait.h), keyed by the head's address; an entry
 * records which task waits and how, and the builtins queue that task. */
struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;
#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);
#define __WAITQUEUE_INITIALIZER(name, tsk) { .private = tsk, .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define DEFINE_WAIT_FUNC(name, function) \
	struct wait_queue_entry name = { .private = current, .func = function, .entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)
#define init_wait(wait) do { (wait)->private = current; (wait)->func = autoremove_wake_function; \
	INIT_LIST_HEAD(&(wait)->entry); (wait)->flags = 0; } while (0)

/* include/linux/workqueue.h: a module's own queues */
enum {
	WQ_UNBOUND = 1 << 1,
	WQ_FREEZABLE = 1 << 2,
	WQ_MEM_RECLAIM = 1 << 3,
	WQ_HIGHPRI = 1 << 4,
	WQ_CPU_INTENSIVE = 1 << 5,
	WQ_SYSFS = 1 << 6,
	WQ_POWER_EFFICIENT = 1 << 7,
	__WQ_DRAINING = 1 << 16,
	__WQ_ORDERED = 1 << 17,
	__WQ_LEGACY = 1 << 18,
	__WQ_ORDERED_EXPLICIT = 1 << 19,
	WQ_MAX_ACTIVE = 512,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | __WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_workqueue(name) alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name) \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)
#define WORK_CPU_UNBOUND 64

/* include/linux/slab.h: caches of one object size */
struct kmem_cache;
typedef unsigned int slab_flags_t;
#define SLAB_HWCACHE_ALIGN 0x00002000U
#define SLAB_PANIC 0x00040000U
#define SLAB_RECLAIM_ACCOUNT 0x00020000U
#define SLAB_ACCOUNT 0x04000000U
#define SLAB_POISON 0x00000800U
#define SLAB_RED_ZONE 0x00000400U
#define SLAB_TYPESAFE_BY_RCU 0x00080000U
#define SLAB_MEM_SPREAD 0x00100000U
#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), (__flags), NULL)
