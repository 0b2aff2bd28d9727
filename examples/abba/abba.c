// abba — two kthreads take two spinlocks in opposite orders. `overlap=0`: the second
// thread starts after the first is done, so nothing deadlocks, yet lockdep (debug
// profile) reports the possible circular dependency the moment it sees B -> A after
// A -> B. `overlap=1`: both hold their first lock while reaching for the second, on two
// CPUs: each spins forever on the other's lock.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

static int overlap;
module_param(overlap, int, 0444);

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

static int ab_fn(void *unused)
{
	spin_lock(&lock_a);
	mdelay(overlap ? 5 : 0);
	spin_lock(&lock_b);
	pr_info("abba: ab took A then B\n");
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	return 0;
}

static int ba_fn(void *unused)
{
	if (!overlap)
		msleep(50);
	spin_lock(&lock_b);
	mdelay(overlap ? 5 : 0);
	spin_lock(&lock_a);
	pr_info("abba: ba took B then A\n");
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	return 0;
}

static int __init abba_init(void)
{
	kthread_run(ab_fn, NULL, "abba_ab");
	kthread_run(ba_fn, NULL, "abba_ba");
	return 0;
}

module_init(abba_init);
MODULE_LICENSE("GPL");
