// irq_lock — one spinlock taken in process context and in a hard interrupt (an hrtimer
// in HRTIMER_MODE_REL_HARD, i.e. hardirq context) on the same CPU. With plain
// spin_lock() in process context lockdep reports the inconsistent lock state
// {HARDIRQ-ON-W} -> {IN-HARDIRQ-W}, and when the interrupt arrives while the lock is held
// the CPU deadlocks on itself. With spin_lock_irqsave() the interrupt waits: clean.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/hrtimer.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

static char *mode = "plain";
module_param(mode, charp, 0444);

static DEFINE_SPINLOCK(lock);
static struct hrtimer timer;
static struct task_struct *worker;
static unsigned long ticks, rounds;

static enum hrtimer_restart tick_fn(struct hrtimer *t)
{
	spin_lock(&lock);
	ticks++;
	spin_unlock(&lock);
	hrtimer_forward_now(t, us_to_ktime(300));
	return HRTIMER_RESTART;
}

static int worker_fn(void *unused)
{
	unsigned long flags;

	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer.function = tick_fn;
	hrtimer_start(&timer, us_to_ktime(300), HRTIMER_MODE_REL_HARD);
	while (!kthread_should_stop() && rounds < 200) {
		if (strcmp(mode, "irqsave") == 0) {
			spin_lock_irqsave(&lock, flags);
			udelay(100);
			spin_unlock_irqrestore(&lock, flags);
		} else {
			spin_lock(&lock);
			udelay(100);
			spin_unlock(&lock);
		}
		rounds++;
		usleep_range(50, 100);
	}
	hrtimer_cancel(&timer);
	pr_info("irq_lock: %lu rounds, %lu ticks\n", rounds, ticks);
	return 0;
}

static int __init irq_lock_init(void)
{
	worker = kthread_run(worker_fn, NULL, "irq_lock");
	return 0;
}

module_init(irq_lock_init);
MODULE_LICENSE("GPL");
