// check_irq_lock — a kthread takes a spinlock with plain spin_lock(); a hardirq timer's
// callback takes the same lock on the same CPU. If the timer fires while the kthread
// holds the lock, the handler spins on it forever: the holder is the task it interrupted.
// `irqsave=1` takes it with spin_lock_irqsave(): the interrupt waits, clean.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/hrtimer.h>
#include <linux/spinlock.h>

static int irqsave;
module_param(irqsave, int, 0444);

static DEFINE_SPINLOCK(lock);
static struct hrtimer timer;
static int count;

static enum hrtimer_restart timer_fn(struct hrtimer *t)
{
	spin_lock(&lock);
	count++;
	spin_unlock(&lock);
	return HRTIMER_NORESTART;
}

static int worker_fn(void *unused)
{
	unsigned long flags;

	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer.function = timer_fn;
	hrtimer_start(&timer, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
	if (irqsave) {
		spin_lock_irqsave(&lock, flags);
		count++;
		spin_unlock_irqrestore(&lock, flags);
	} else {
		spin_lock(&lock);
		count++;
		spin_unlock(&lock);
	}
	return 0;
}

static int __init check_irq_lock_init(void)
{
	kthread_run(worker_fn, NULL, "worker");
	return 0;
}

module_init(check_irq_lock_init);
MODULE_LICENSE("GPL");
