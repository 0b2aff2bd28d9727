// check_abba_late — AB-BA where the reduction could hide it: two kthreads, each first
// takes and drops a lock of its own (so neither starts its AB-BA part right after a
// wake-up), then takes lock_a and lock_b back to back, in opposite orders. A reduced
// transition that went on from spin_lock(&lock_a) into spin_lock(&lock_b) would take
// both at once and never meet the state where each holds one (docs/check.md).
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(own0);
static DEFINE_SPINLOCK(own1);
static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);
static int shared;

static void warm_up(spinlock_t *own)
{
	spin_lock(own);
	spin_unlock(own);
}

static int ab_fn(void *unused)
{
	warm_up(&own0);
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	shared++;
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	return 0;
}

static int ba_fn(void *unused)
{
	warm_up(&own1);
	spin_lock(&lock_b);
	spin_lock(&lock_a);
	shared++;
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	return 0;
}

static int __init abba_late_init(void)
{
	kthread_run(ab_fn, NULL, "ab");
	kthread_run(ba_fn, NULL, "ba");
	return 0;
}

module_init(abba_late_init);
MODULE_LICENSE("GPL");
