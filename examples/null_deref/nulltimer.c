// nulltimer — the same NULL dereference, in a timer callback (softirq context).
#include <linux/module.h>
#include <linux/timer.h>

struct config {
	int version;
	int flags;
	int limit;
};

static struct config *active;   // never set: NULL
static struct timer_list timer;

static void timer_fn(struct timer_list *t)
{
	pr_info("nulltimer: limit %d\n", active->limit);
}

static int __init nulltimer_init(void)
{
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + HZ / 10);
	return 0;
}

static void __exit nulltimer_exit(void)
{
	del_timer_sync(&timer);
}

module_init(nulltimer_init);
module_exit(nulltimer_exit);
MODULE_LICENSE("GPL");
