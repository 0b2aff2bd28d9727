// check_abba — two kthreads on two CPUs take two spinlocks in opposite orders, with no
// delay that makes the overlap likely: on most runs one finishes before the other starts.
// `kctx check` finds the interleaving where each holds its first lock and spins on the
// other's (with lockdep on, lockdep reports the inversion first; `--config debian` shows
// the deadlock itself). `order=1` takes both in the same order: clean.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>

static int order;
module_param(order, int, 0444);

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);
static int shared;

static int ab_fn(void *unused)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	shared++;
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	return 0;
}

static int ba_fn(void *unused)
{
	spinlock_t *first = order ? &lock_a : &lock_b;
	spinlock_t *second = order ? &lock_b : &lock_a;

	spin_lock(first);
	spin_lock(second);
	shared++;
	spin_unlock(second);
	spin_unlock(first);
	return 0;
}

static int __init check_abba_init(void)
{
	kthread_run(ab_fn, NULL, "ab");
	kthread_run(ba_fn, NULL, "ba");
	return 0;
}

module_init(check_abba_init);
MODULE_LICENSE("GPL");
