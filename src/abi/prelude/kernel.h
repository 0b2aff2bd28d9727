/*
 * kctx kernel prelude: what <linux/...> headers declare, for modules. Injected at a
 * module's first #include of a known kernel header. Layouts that the simulated kernel
 * reads are mirrored in abi/Layout.h (a test keeps the two in step).
 * Predefined by the compiler: HZ, KBUILD_MODNAME, CONFIG_* of the chosen profile.
 */
/* <linux/version.h>'s code, which the release's API below depends on: kctx defines it
 * from the release table (kernel/release); without one, 6.1.0. */
#ifndef LINUX_VERSION_CODE
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 1
#define LINUX_VERSION_SUBLEVEL 0
#define LINUX_VERSION_CODE 393472
#endif
typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long long s64;
typedef unsigned long long u64;
typedef s8 __s8;
typedef u8 __u8;
typedef s16 __s16;
typedef u16 __u16;
typedef s32 __s32;
typedef u32 __u32;
typedef s64 __s64;
typedef u64 __u64;
/* include/linux/types.h: the C99 names, as the kernel defines them */
typedef u8 u_int8_t;
typedef s8 int8_t;
typedef u16 u_int16_t;
typedef s16 int16_t;
typedef u32 u_int32_t;
typedef s32 int32_t;
typedef __u8 uint8_t;
typedef __u16 uint16_t;
typedef __u32 uint32_t;
typedef __u64 uint64_t;
typedef __u64 u_int64_t;
typedef __s64 int64_t;
typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef unsigned long uintptr_t;
typedef long long loff_t;
typedef u64 sector_t;   /* include/linux/types.h: a 512-byte sector's number, and a count of blocks */
typedef u64 blkcnt_t;
typedef unsigned int gfp_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int dev_t;
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef unsigned int __poll_t;
typedef s64 ktime_t;
typedef _Bool bool;
typedef int irqreturn_t;
typedef struct { int counter; } atomic_t;
#define ATOMIC_INIT(i) { (i) }
typedef struct { s64 counter; } atomic64_t;
/* include/linux/refcount_types.h and kref_types.h: embedded in the structs of many areas
 * (struct kobject, struct cdev), so here, before any of them. */
typedef struct refcount_struct { atomic_t refs; } refcount_t;
struct kref { refcount_t refcount; };
/* include/linux/stdarg.h */
typedef __builtin_va_list va_list;
#define va_start(v, l) __builtin_va_start(v, l)
#define va_end(v) __builtin_va_end(v)
#define va_arg(v, T) __builtin_va_arg(v, T)
#define va_copy(d, s) __builtin_va_copy(d, s)
/* include/linux/compiler_attributes.h */
#define __printf(a, b) __attribute__((__format__(printf, a, b)))

#define NULL ((void *)0)
#define true 1
#define false 0
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __user
#define __iomem
#define __kernel
/* include/linux/linkage.h: x86-64 passes a syscall's arguments in registers anyway;
 * include/linux/compiler_types.h: notrace keeps a function out of ftrace. */
#define asmlinkage
#define notrace
#define __force
#define __must_check
#define __always_inline inline
#define noinline
#define __maybe_unused
#define __used
#define __cold
#define __read_mostly
#define __aligned(x)
#define __packed
#define likely(x) (x)
#define unlikely(x) (x)
#define barrier() do { } while (0)
#define smp_mb() do { } while (0)
#define smp_rmb() do { } while (0)
#define smp_wmb() do { } while (0)
#define READ_ONCE(x) (x)
#if LINUX_VERSION_CODE < 0x040f00
/* include/linux/compiler.h (4.4): ACCESS_ONCE, removed in 4.15 for READ_ONCE/WRITE_ONCE. */
#define ACCESS_ONCE(x) (x)
#endif
#define WRITE_ONCE(x, val) ((x) = (val))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define offsetof(TYPE, MEMBER) ((size_t)&((TYPE *)0)->MEMBER)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define min(x, y) ((x) < (y) ? (x) : (y))
#define max(x, y) ((x) > (y) ? (x) : (y))
#define BIT(nr) (1UL << (nr))
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-4095)
#define IS_ERR(ptr) IS_ERR_VALUE((unsigned long)(ptr))
#define PTR_ERR(ptr) ((long)(ptr))
#define ERR_PTR(err) ((void *)(long)(err))

/* errno (include/uapi/asm-generic/errno-base.h, errno.h; include/linux/errno.h's restart
 * codes): the defines are generated from abi/Errno.h by abi/Prelude.cpp, here. */

/* printk (include/linux/kern_levels.h, include/linux/printk.h) */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
/* No pr_warning: Linux 5.5 dropped it (printk.h, commit "printk: Drop pr_warning
 * definition"), so a 6.1 build of a module that calls it fails; pr_warn is the name. */
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) do { } while (0)
#define pr_devel(fmt, ...) do { } while (0)

/* bugs and warnings (include/asm-generic/bug.h) */
#define WARN_ON(condition) __kctx_warn(!!(condition), 0, __FILE__, __LINE__, 0)
#define WARN_ON_ONCE(condition) __kctx_warn(!!(condition), 1, __FILE__, __LINE__, 0)
#define WARN(condition, fmt, ...) __kctx_warn(!!(condition), 0, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define WARN_ONCE(condition, fmt, ...) __kctx_warn(!!(condition), 1, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define BUG() __kctx_bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (condition) BUG(); } while (0)

/* modules (include/linux/module.h, moduleparam.h) */
/* What modules read of include/linux/module.h's struct module: its name, set at build time
 * as modpost's NAME.mod.c sets it (.name = KBUILD_MODNAME). Not ->version: Linux keeps
 * struct module in its own section (.gnu.linkonce.this_module), kctx in the module's
 * data, so a bigger struct would move every static of every module. */
struct module {
	char name[56];             /* MODULE_NAME_LEN */
};
#ifdef KBUILD_MODNAME
static struct module __this_module = { .name = KBUILD_MODNAME };
#else
static struct module __this_module;
#endif
#define THIS_MODULE (&__this_module)
#define __KCTX_CAT2(a, b) a##b
#define __KCTX_CAT(a, b) __KCTX_CAT2(a, b)
/* As include/linux/module.h's, whose expansion ends in ___ADDRESSABLE(...)'s ';': both
 * `module_init(f)` and `module_init(f);` (an empty declaration after it) compile. */
#define module_init(fn) int (*__kctx_module_init)(void) = fn;
#define module_exit(fn) void (*__kctx_module_exit)(void) = fn;
/* __KCTX_UNIT is empty in a module's first file and _2, _3 … in the next ones of a
 * composite module (lang/Compiler.cpp), so each file may state the license. */
#define MODULE_LICENSE(s) const char __KCTX_CAT(__kctx_module_license, __KCTX_UNIT)[] = s
#define MODULE_AUTHOR(s) const char __KCTX_CAT(__KCTX_CAT(__kctx_module_author_, __LINE__), __KCTX_UNIT)[] = s
#define MODULE_DESCRIPTION(s) const char __KCTX_CAT(__kctx_module_description, __KCTX_UNIT)[] = s
#define MODULE_VERSION(s) const char __KCTX_CAT(__kctx_module_version, __KCTX_UNIT)[] = s
#define MODULE_ALIAS(s) const char __KCTX_CAT(__KCTX_CAT(__kctx_module_alias_, __LINE__), __KCTX_UNIT)[] = s
#define MODULE_PARM_DESC(name, s) const char __kctx_parm_desc_##name[] = s
/* EXPORT_SYMBOL(sym): the loader (kernel/module/Symbols.cpp) links another module's
 * use of `sym` to this module's definition; "GPL" limits it to GPL-compatible users. */
#define EXPORT_SYMBOL(sym) const char __kctx_ksymtab_##sym[] = ""
#define EXPORT_SYMBOL_GPL(sym) const char __kctx_ksymtab_##sym[] = "GPL"
/* module_param(name, type, perm): the loader finds __kctx_param_<type>_<name>, and
 * __kctx_pperm__<name>, the mode of /sys/module/NAME/parameters/<name>. */
#define __kctx_param_perm(pname, perm) const unsigned short __kctx_pperm__##pname = (perm)
#define module_param(name, type, perm) void *__kctx_param_##type##__##name = &(name); __kctx_param_perm(name, perm)
#define module_param_named(pname, value, type, perm) \
	void *__kctx_param_##type##__##pname = &(value); __kctx_param_perm(pname, perm)

/* sched (include/linux/sched.h) */
#define TASK_COMM_LEN 16
/* include/linux/signal_types.h, arch/x86/include/asm/signal.h: x86-64's 64 signals in
 * one word, bit sig - 1. */
#define _NSIG 64
#define _NSIG_BPW 64
#define _NSIG_WORDS (_NSIG / _NSIG_BPW)
typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;
struct sigpending {
	struct { void *next, *prev; } list;   /* the queued siginfos kctx does not keep */
	sigset_t signal;
};
/* include/linux/sched/signal.h: the part of a process's signal_struct that drivers read,
 * its controlling terminal (LDD3's scullpriv keys its devices by it). No kctx task has one,
 * as a process started from init or a script has none, so tty is NULL. */
struct tty_struct;
struct signal_struct {
	struct tty_struct *tty;
};
struct task_struct {
	union {
		unsigned int __state;
		unsigned int state;   /* the pre-5.14 name, still in many modules */
	};
	pid_t pid;
	pid_t tgid;
	unsigned int cpu;
	char comm[TASK_COMM_LEN];
	unsigned long nvcsw;
	unsigned long nivcsw;
	int prio;
	int static_prio;
	unsigned int flags;
	unsigned int __kctx_reserved;
	sigset_t blocked;             /* as sigprocmask() left it */
	struct sigpending pending;    /* the signals sent to this thread, not yet taken */
	struct signal_struct *signal; /* points at __kctx_signal (kernel/core/Boot.cpp) */
	struct signal_struct __kctx_signal;
};
#define current get_current()
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define __TASK_STOPPED 0x0004
#define TASK_DEAD 0x0080
#define TASK_WAKEKILL 0x0100
#define TASK_NOLOAD 0x0400
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffffffffffL
#define set_current_state(state) __kctx_set_current_state(state)
#define __set_current_state(state) __kctx_set_current_state(state)
#define task_pid_nr(tsk) ((tsk)->pid)
#define task_cpu(tsk) ((tsk)->cpu)
#define cond_resched() _cond_resched(__FILE__, __LINE__)
/* kernel/time/timer.c: the state, then schedule_timeout(). */
#define schedule_timeout_interruptible(t) (__kctx_set_current_state(TASK_INTERRUPTIBLE), schedule_timeout(t))
#define schedule_timeout_killable(t) (__kctx_set_current_state(TASK_KILLABLE), schedule_timeout(t))
#define schedule_timeout_uninterruptible(t) (__kctx_set_current_state(TASK_UNINTERRUPTIBLE), schedule_timeout(t))
#define schedule_timeout_idle(t) (__kctx_set_current_state(TASK_IDLE), schedule_timeout(t))
#define might_sleep() __kctx_might_sleep(__FILE__, __LINE__)

/* time (include/linux/jiffies.h, ktime.h) */
/* jiffies is the kernel's variable, not a macro, so a struct member or a local may be
 * named jiffies. x86-64's linker script makes it the same word as jiffies_64; the
 * simulated kernel keeps it current (abi/KernelData.h). */
extern unsigned long volatile jiffies;
extern u64 jiffies_64;
#define get_jiffies_64() ((u64)jiffies_64)

/* include/uapi/linux/utsname.h, include/linux/utsname.h: the kernel's names, which
 * uname(2) copies. init_uts_ns is the kernel's variable, in its .data like jiffies
 * (abi/KernelData.h); name is its first member, as in 6.1. */
#define __NEW_UTS_LEN 64
struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};
struct uts_namespace {
	struct new_utsname name;
};
extern struct uts_namespace init_uts_ns;
#define utsname() (&init_uts_ns.name)
#define init_utsname() (&init_uts_ns.name)
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_SEC 1000000000L
#define USEC_PER_SEC 1000000L
#define MSEC_PER_SEC 1000L
/* include/vdso/jiffies.h: a tick's length, rounded to the nearest ns and us */
#define TICK_NSEC ((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC ((USEC_PER_SEC + HZ / 2) / HZ)
#define ms_to_ktime(ms) ((ktime_t)(ms) * NSEC_PER_MSEC)
#define us_to_ktime(us) ((ktime_t)(us) * NSEC_PER_USEC)
#define ns_to_ktime(ns) ((ktime_t)(ns))
#define ktime_set(secs, nsecs) ((ktime_t)(secs) * NSEC_PER_SEC + (nsecs))
#define ktime_to_ns(kt) ((s64)(kt))
#define ktime_to_ms(kt) ((s64)(kt) / NSEC_PER_MSEC)
#define ktime_add(a, b) ((a) + (b))
#define ktime_sub(a, b) ((a) - (b))

/* timers (include/linux/timer.h) */
struct hlist_node { struct hlist_node *next, **pprev; };
/* The release's timer API (kernel/release): 4.15 replaced setup_timer(timer, fn, data)
 * and `void fn(unsigned long data)` with timer_setup() and a callback taking the timer. */
#if LINUX_VERSION_CODE >= 0x040f00
struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};
#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000
/* include/linux/timer.h: timer_setup() names the timer's lockdep map after its argument */
#define timer_setup(timer, callback, flags) __kctx_timer_setup((timer), (callback), (flags), "(" #timer ")")
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = { .function = _function }

#else
/* include/linux/timer.h (4.4): the callback gets timer->data. kctx keeps 6.1's offsets of
 * expires, function and flags (abi/Layout.h) and puts data after them. */
struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(unsigned long);
	u32 flags;
	unsigned long data;
};
/* 4.4 has no TIMER_PINNED (mod_timer_pinned()); the flags keep 6.1's values, which the
 * simulated kernel reads. */
#define TIMER_DEFERRABLE 0x00080000
#define TIMER_IRQSAFE 0x00200000
#define init_timer(timer) \
	__kctx_timer_setup((struct timer_list *)(timer), (void (*)(struct timer_list *))(timer)->function, 0, "(" #timer ")")
#define setup_timer(timer, fn, _data)									\
	do {												\
		__kctx_timer_setup((timer), (void (*)(struct timer_list *))(fn), 0, "(" #timer ")");	\
		(timer)->data = (unsigned long)(_data);							\
	} while (0)
#define DEFINE_TIMER(_name, _function, _expires, _data) \
	struct timer_list _name = { .function = _function, .expires = _expires, .data = _data }
#endif

/* hrtimers (include/linux/hrtimer.h) */
enum hrtimer_restart { HRTIMER_NORESTART, HRTIMER_RESTART };
enum hrtimer_mode {
	HRTIMER_MODE_ABS = 0x00,
	HRTIMER_MODE_REL = 0x01,
	HRTIMER_MODE_PINNED = 0x02,
	HRTIMER_MODE_SOFT = 0x04,
	HRTIMER_MODE_HARD = 0x08,
	HRTIMER_MODE_ABS_PINNED = 0x02,
	HRTIMER_MODE_REL_PINNED = 0x03,
	HRTIMER_MODE_ABS_SOFT = 0x04,
	HRTIMER_MODE_REL_SOFT = 0x05,
	HRTIMER_MODE_ABS_HARD = 0x08,
	HRTIMER_MODE_REL_HARD = 0x09,
};
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
struct hrtimer {
	u64 __kctx_node[4];
	ktime_t _softexpires;
	enum hrtimer_restart (*function)(struct hrtimer *);
	void *base;
	u8 state;
	u8 is_rel;
	u8 is_soft;
	u8 is_hard;
};

/* locks (include/linux/spinlock_types.h, mutex.h, semaphore.h) */
typedef struct spinlock {
	unsigned int __kctx_locked;
	unsigned int __kctx_owner_cpu;
	const char *__kctx_name;
	unsigned long __kctx_key;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;
#define __SPIN_LOCK_UNLOCKED(lockname) { .__kctx_name = #lockname }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(lock) __kctx_spin_lock_init(lock, #lock)
#define raw_spin_lock_init(lock) __kctx_spin_lock_init(lock, #lock)
#define spin_lock_irqsave(lock, flags) do { flags = __kctx_spin_lock_irqsave(lock); } while (0)
#define raw_spin_lock(lock) spin_lock(lock)
#define raw_spin_unlock(lock) spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags) spin_lock_irqsave(lock, flags)
#define raw_spin_unlock_irqrestore(lock, flags) spin_unlock_irqrestore(lock, flags)
#define local_irq_save(flags) do { flags = __kctx_local_irq_save(); } while (0)

struct mutex {
	long owner;
	const char *__kctx_name;
	long __kctx_reserved[2];
};
#define __MUTEX_INITIALIZER(lockname) { .__kctx_name = #lockname }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)
#define mutex_init(mutex) __kctx_mutex_init(mutex, #mutex)

struct semaphore {
	int count;
	int __kctx_reserved;
	const char *__kctx_name;
	long __kctx_reserved2[2];
};
#define __SEMAPHORE_INITIALIZER(name, n) { .count = n, .__kctx_name = #name }
#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)

/* rwlocks (include/linux/rwlock_types.h) */
typedef struct {
	int __kctx_readers;
	unsigned int __kctx_writer;
	const char *__kctx_name;
	unsigned long __kctx_key;
} rwlock_t;
#define __RW_LOCK_UNLOCKED(lockname) { .__kctx_name = #lockname }
#define DEFINE_RWLOCK(x) rwlock_t x = __RW_LOCK_UNLOCKED(x)
#define rwlock_init(lock) __kctx_rwlock_init(lock, #lock)
#define read_lock_irqsave(lock, flags) do { flags = __kctx_read_lock_irqsave(lock); } while (0)
#define write_lock_irqsave(lock, flags) do { flags = __kctx_write_lock_irqsave(lock); } while (0)
#define raw_spin_lock_irq(lock) spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock) spin_unlock_irq(lock)
#define raw_spin_lock_bh(lock) spin_lock_bh(lock)
#define raw_spin_unlock_bh(lock) spin_unlock_bh(lock)
#define raw_spin_trylock(lock) spin_trylock(lock)
#define spin_lock_nested(lock, subclass) spin_lock(lock)
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define SINGLE_DEPTH_NESTING 1

/* wait queues (include/linux/wait.h): the macros keep the kernel's shape, with the
   condition re-evaluated after every wake-up, and might_sleep() at the caller's line. */
typedef struct wait_queue_head {
	int __kctx_waiters;
	int __kctx_reserved;
	const char *__kctx_name;
} wait_queue_head_t;
#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { .__kctx_name = #name }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define init_waitqueue_head(wq) __kctx_init_waitqueue_head(wq, #wq)
#define __kctx_wait_event(wq_head, condition, state, exclusive) ({			\
	long __kctx_ret = 0;								\
	for (;;) {									\
		long __kctx_int = __kctx_prepare_to_wait_event(&(wq_head), state, exclusive); \
		if (condition)								\
			break;								\
		if (__kctx_int) {							\
			__kctx_ret = __kctx_int;					\
			break;								\
		}									\
		schedule();								\
	}										\
	__kctx_finish_wait(&(wq_head));							\
	__kctx_ret;									\
})
#define __kctx_wait_event_timeout(wq_head, condition, state, timeout) ({		\
	long __kctx_left = (timeout);							\
	if (!(condition)) {								\
		for (;;) {								\
			long __kctx_int = __kctx_prepare_to_wait_event(&(wq_head), state, 0); \
			if (condition)							\
				break;							\
			if (__kctx_int) {						\
				__kctx_left = __kctx_int;				\
				break;							\
			}								\
			__kctx_left = schedule_timeout(__kctx_left);			\
			if (!__kctx_left) {						\
				__kctx_left = (condition) ? 1 : 0;			\
				break;							\
			}								\
		}									\
		__kctx_finish_wait(&(wq_head));						\
	} else if (!__kctx_left) {							\
		__kctx_left = 1;							\
	}										\
	__kctx_left;									\
})
#define wait_event(wq_head, condition) do {						\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	if (!(condition))								\
		__kctx_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0);		\
} while (0)
#define wait_event_interruptible(wq_head, condition) ({					\
	int __kctx_r = 0;								\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	if (!(condition))								\
		__kctx_r = __kctx_wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0); \
	__kctx_r;									\
})
#define wait_event_killable(wq_head, condition) ({					\
	int __kctx_r = 0;								\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	if (!(condition))								\
		__kctx_r = __kctx_wait_event(wq_head, condition, TASK_KILLABLE, 0);	\
	__kctx_r;									\
})
#define wait_event_timeout(wq_head, condition, timeout) ({				\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	__kctx_wait_event_timeout(wq_head, condition, TASK_UNINTERRUPTIBLE, timeout);	\
})
#define wait_event_interruptible_timeout(wq_head, condition, timeout) ({		\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	__kctx_wait_event_timeout(wq_head, condition, TASK_INTERRUPTIBLE, timeout);	\
})
#define wait_event_interruptible_exclusive(wq_head, condition) ({			\
	int __kctx_r = 0;								\
	__kctx_might_sleep(__FILE__, __LINE__);						\
	if (!(condition))								\
		__kctx_r = __kctx_wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 1); \
	__kctx_r;									\
})
/* include/linux/wait.h: the _sync wake-ups are __wake_up_sync(), the same wake-up with
 * a hint (WF_SYNC) that the waker is about to sleep, so the woken task is not preempted
 * onto the waker's CPU. kctx's scheduler takes no such hint: the wake-up is the same. */
#define wake_up_interruptible_sync(x) wake_up_interruptible(x)
#define wake_up_sync(x) wake_up(x)

/* completions (include/linux/completion.h) */
struct completion {
	unsigned int done;
	unsigned int __kctx_reserved;
	wait_queue_head_t wait;
};
#define COMPLETION_INITIALIZER(work) { 0, 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)

/* workqueues and tasklets (include/linux/workqueue.h, interrupt.h) */
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct {
	long data;
	struct { void *next, *prev; } entry;
	work_func_t func;
	const char *__kctx_name;
};
struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	int cpu;
};
struct workqueue_struct;
#define INIT_WORK(w, f) __kctx_init_work((w), (f), "(work_completion)" #w)
#define INIT_DELAYED_WORK(w, f) __kctx_init_delayed_work((w), (f), "(work_completion)" #w)
#define DECLARE_WORK(n, f) struct work_struct n = { .func = (f), .__kctx_name = "(work_completion)" #n }
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = { .work = { .func = (f), .__kctx_name = "(work_completion)" #n } }
#define to_delayed_work(w) container_of(w, struct delayed_work, work)
#define system_wq ((struct workqueue_struct *)0)
struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	int count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};
#if LINUX_VERSION_CODE >= 0x050900
#define DECLARE_TASKLET(name, _callback) struct tasklet_struct name = { .use_callback = true, .callback = _callback }
#define DECLARE_TASKLET_OLD(name, _func) struct tasklet_struct name = { .func = _func }
#else
/* include/linux/interrupt.h (4.4): DECLARE_TASKLET(name, func, data); 5.9 gave it a callback. */
#define DECLARE_TASKLET(name, _func, _data) struct tasklet_struct name = { .func = _func, .data = _data }
#endif
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, typeof(*var), tasklet_fieldname)

/* user access (include/linux/uaccess.h, arch/x86/include/asm/uaccess.h) */
#define get_user(x, ptr) ({								\
	unsigned long __kctx_gu = 0;							\
	int __kctx_e = __kctx_get_user(&__kctx_gu, (ptr), sizeof(*(ptr)), __FILE__, __LINE__);		\
	(x) = (typeof(*(ptr)))__kctx_gu;						\
	__kctx_e;									\
})
#define put_user(x, ptr) __kctx_put_user((unsigned long)(x), (ptr), sizeof(*(ptr)), __FILE__, __LINE__)

/* memory (include/linux/gfp_types.h, slab.h) */
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_RECLAIM (___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC (___GFP_HIGH | ___GFP_ATOMIC | ___GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | ___GFP_IO | ___GFP_FS)
#define GFP_NOWAIT (___GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | ___GFP_IO)
#define GFP_USER (__GFP_RECLAIM | ___GFP_IO | ___GFP_FS)
#define __GFP_ZERO ___GFP_ZERO

/* files and devices (include/linux/fs.h, miscdevice.h) */
struct cdev;
struct inode {
	unsigned long i_ino;
	dev_t i_rdev;
	unsigned int __kctx_reserved;
	umode_t i_mode;
	loff_t i_size;
	void *i_private;   /* procfs: the entry's data (pde_data); debugfs: the file's data */
	struct cdev *i_cdev;   /* fs/char_dev.c chrdev_open() sets it */
};
/* include/linux/dcache.h, path.h: a file's name, as file->f_path.dentry->d_name.name. */
struct qstr {
	u32 hash;
	u32 len;
	const unsigned char *name;
};
struct vfsmount;
struct dentry {
	unsigned int d_flags;
	unsigned int __kctx_reserved;
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
};
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};
struct file_operations;
struct vm_area_struct;
struct file {
	const struct file_operations *f_op;
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	void *private_data;
	struct inode *f_inode;
	struct path f_path;
};
#define file_inode(f) ((f)->f_inode)
#define file_dentry(f) ((f)->f_path.dentry)
struct poll_table_struct;
struct kiocb;
struct iov_iter;
struct dir_context;
struct file_lock;
struct pipe_inode_info;
struct seq_file;
struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *);
	int (*release)(struct inode *, struct file *);
	int (*fasync)(int, struct file *, int);
	int (*mmap)(struct file *, struct vm_area_struct *);   /* after fasync: kctx's order */
	/* The rest of 6.1's methods a driver may set (LDD3's scullc sets read_iter and
	 * write_iter). kctx's read() and write() call ->read and ->write, as vfs_read()
	 * does when a driver has them; these are kept, not called. */
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iterate_shared)(struct file *, struct dir_context *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long, unsigned long,
					   unsigned long);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	int (*lock)(struct file *, int, struct file_lock *);
	ssize_t (*splice_write)(struct pipe_inode_info *, struct file *, loff_t *, size_t, unsigned int);
	ssize_t (*splice_read)(struct file *, loff_t *, struct pipe_inode_info *, size_t, unsigned int);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
};
struct device;
struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct { void *next, *prev; } list;
	struct device *parent;
	struct device *this_device;
	const char *nodename;
	umode_t mode;
};
#define MISC_DYNAMIC_MINOR 255
/* include/linux/miscdevice.h: module_driver(__misc_device, misc_register, misc_deregister) */
#define module_misc_device(__misc_device) \
	static int __init __misc_device##_init(void) { return misc_register(&(__misc_device)); } \
	module_init(__misc_device##_init); \
	static void __exit __misc_device##_exit(void) { misc_deregister(&(__misc_device)); } \
	module_exit(__misc_device##_exit);
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 00000003   /* include/uapi/asm-generic/fcntl.h */
#define O_NONBLOCK 04000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int) ((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int) ((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))
#define imajor(inode) MAJOR((inode)->i_rdev)
#define iminor(inode) MINOR((inode)->i_rdev)
/* capabilities (include/uapi/linux/capability.h) */
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_KILL 5
#define CAP_NET_ADMIN 12
#define CAP_SYS_MODULE 16
#define CAP_SYS_RAWIO 17
#define CAP_SYS_ADMIN 21
#define CAP_SYS_NICE 23
#define CAP_SYS_TTY_CONFIG 26

/* physical memory (arch/x86/include/asm/page*.h, include/linux/mm.h, highmem.h) */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xffff888000000000UL
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __pa(x) ((unsigned long)(x) - PAGE_OFFSET)
#define phys_to_virt(x) __va(x)
#define virt_to_phys(x) __pa(x)
struct page {
	unsigned long flags;
	unsigned long __kctx_reserved[7];
};
#define vmemmap ((struct page *)0xffffea0000000000UL)
#define pfn_to_page(pfn) (vmemmap + (pfn))
#define page_to_pfn(page) ((unsigned long)((page) - vmemmap))
#define page_address(page) __va(page_to_pfn(page) << PAGE_SHIFT)
#define kmap(page) page_address(page)
#define kunmap(page) do { } while (0)
#define kmap_local_page(page) page_address(page)
#define kunmap_local(addr) do { } while (0)

/* interrupts (include/linux/interrupt.h, irqreturn.h) */
#define IRQ_NONE 0
#define IRQ_HANDLED 1
#define IRQ_WAKE_THREAD 2

/* kctx lays out packed and aligned structs as gcc does, so these must not be empty. */
#undef __packed
#define __packed __attribute__((packed))
#undef __aligned
#define __aligned(x) __attribute__((aligned(x)))
