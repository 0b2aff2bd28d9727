// hrtimer_schedule — schedule() from an hrtimer callback in hard interrupt context
// (HRTIMER_MODE_REL_HARD): preempt_count 0x10000 + 1.
#include <linux/module.h>
#include <linux/hrtimer.h>
#include <linux/sched.h>

static struct hrtimer timer;
static int fired;

static enum hrtimer_restart timer_fn(struct hrtimer *t)
{
	fired++;
	pr_info("hrtimer_schedule: hardirq %d, preempt_count %#x, irqs_disabled %d\n", in_hardirq() ? 1 : 0,
		preempt_count(), irqs_disabled());
	schedule();
	pr_info("hrtimer_schedule: after schedule(): preempt_count %#x, irqs_disabled %d\n", preempt_count(),
		irqs_disabled());
	return HRTIMER_NORESTART;
}

static int __init hrtimer_schedule_init(void)
{
	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer.function = timer_fn;
	hrtimer_start(&timer, ms_to_ktime(50), HRTIMER_MODE_REL_HARD);
	return 0;
}

static void __exit hrtimer_schedule_exit(void)
{
	hrtimer_cancel(&timer);
}

module_init(hrtimer_schedule_init);
module_exit(hrtimer_schedule_exit);
MODULE_LICENSE("GPL");
