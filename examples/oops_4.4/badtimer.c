// badtimer — a 4.4 timer (setup_timer(), an unsigned long argument) whose callback
// dereferences the NULL pointer it was given, in softirq context.
#include <linux/module.h>
#include <linux/timer.h>

struct sample {
	int count;
	int last;
};

static struct timer_list timer;

static void sample_fn(unsigned long data)
{
	struct sample *s = (struct sample *)data;

	pr_info("badtimer: last %d\n", s->last);   // a read at offset 4 from NULL
}

static int __init badtimer_init(void)
{
	setup_timer(&timer, sample_fn, 0);
	mod_timer(&timer, jiffies + HZ / 10);
	return 0;
}

static void __exit badtimer_exit(void)
{
	del_timer_sync(&timer);
}

module_init(badtimer_init);
module_exit(badtimer_exit);
MODULE_LICENSE("GPL");
