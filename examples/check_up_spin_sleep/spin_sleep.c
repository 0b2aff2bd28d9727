// check_up_spin_sleep — on one CPU, task A sleeps holding a spinlock while task B wants
// it. `fixed=1` unlocks before sleeping: clean. Without the fix the kernel reports
// "scheduling while atomic" the moment A sleeps, and B then spins for good.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

static int fixed;
module_param(fixed, int, 0444);

static DEFINE_SPINLOCK(lock);

static int b_fn(void *unused)
{
	spin_lock(&lock);
	spin_unlock(&lock);
	return 0;
}

static int a_fn(void *unused)
{
	spin_lock(&lock);
	if (fixed) {
		spin_unlock(&lock);
		msleep(10);
	} else {
		msleep(10);
		spin_unlock(&lock);
	}
	return 0;
}

static int __init check_up_init(void)
{
	kthread_run(a_fn, NULL, "task_a");
	kthread_run(b_fn, NULL, "task_b");
	return 0;
}

module_init(check_up_init);
MODULE_LICENSE("GPL");
