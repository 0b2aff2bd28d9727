// spin_msleep — a spinlock held across msleep() on an SMP machine where nobody else
// wants the lock: the sleep "works", but schedule() forced preempt_count to 1 and the
// later spin_unlock() takes the count below zero.
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

static DEFINE_SPINLOCK(lock);

static int __init spin_msleep_init(void)
{
	spin_lock(&lock);
	pr_info("spin_msleep: locked, preempt_count %#x\n", preempt_count());
	msleep(20);
	pr_info("spin_msleep: woke up, preempt_count %#x\n", preempt_count());
	spin_unlock(&lock);
	pr_info("spin_msleep: unlocked, preempt_count %#x\n", preempt_count());
	return 0;
}

static void __exit spin_msleep_exit(void)
{
}

module_init(spin_msleep_init);
module_exit(spin_msleep_exit);
MODULE_LICENSE("GPL");
