// tasklet_wake — where a tasklet runs depends on where it was scheduled from.
//
// From process context (this write() handler) raise_softirq_irqoff() wakes the CPU's
// ksoftirqd (kernel/softirq.c wakeup_softirqd()): the tasklet runs in ksoftirqd/N a few
// microseconds later, as soon as the writer leaves the CPU, not at the next tick.
// From hardirq context (the hrtimer callback) it runs at that interrupt's exit
// (__irq_exit_rcu() -> invoke_softirq()), on the interrupted task's stack.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/sched.h>

static struct tasklet_struct from_task, from_irq;
static struct hrtimer timer;
static u64 scheduled_at;

static void report(const char *from)
{
	u64 us = (ktime_get_ns() - scheduled_at) / 1000;

	pr_info("tasklet_wake: scheduled from %s, ran %llu us later in %s (in_serving_softirq %d)\n",
		from, us, current->comm, in_serving_softirq() ? 1 : 0);
}

static void task_fn(struct tasklet_struct *t)
{
	report("process context");
	scheduled_at = ktime_get_ns();
	hrtimer_start(&timer, ms_to_ktime(10), HRTIMER_MODE_REL_HARD);
}

static void irq_fn(struct tasklet_struct *t)
{
	report("hardirq context");
}

static enum hrtimer_restart timer_fn(struct hrtimer *t)
{
	scheduled_at = ktime_get_ns();
	tasklet_schedule(&from_irq);
	return HRTIMER_NORESTART;
}

static ssize_t tw_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	scheduled_at = ktime_get_ns();
	tasklet_schedule(&from_task);
	return len;
}

static const struct file_operations tw_fops = {
	.owner = THIS_MODULE,
	.write = tw_write,
};

static struct miscdevice tw_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tasklet_wake",
	.fops = &tw_fops,
};

static int __init tw_init(void)
{
	tasklet_setup(&from_task, task_fn);
	tasklet_setup(&from_irq, irq_fn);
	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer.function = timer_fn;
	return misc_register(&tw_dev);
}

static void __exit tw_exit(void)
{
	hrtimer_cancel(&timer);
	tasklet_kill(&from_task);
	tasklet_kill(&from_irq);
	misc_deregister(&tw_dev);
}

module_init(tw_init);
module_exit(tw_exit);
MODULE_LICENSE("GPL");
